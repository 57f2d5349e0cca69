using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Catalog;

/// <summary>
/// <c>GET /api/v1/procedures?q=&amp;level=&amp;domain=&amp;unitCode=&amp;online=&amp;page=</c>: the procedures in force
/// today, for citizens, the national portal and partners. The search ignores case and diacritics, every word
/// must match, and procedures whose name holds the words come first. Bad filter values answer 400.
/// </summary>
internal static class SearchProcedures
{
    public const int PageSize = 20;

    public sealed record Query(string? Q, UnitLevel? Level, string? Domain, string? UnitCode, OnlineMode? Online, int Page);

    public sealed record Item(string Code, string Name, UnitLevel Level, string DomainCode, string DomainName, string Agency, OnlineMode OnlineMode);

    public sealed record Response(int Total, int Page, int PageSize, IReadOnlyList<Item> Items);

    public static async Task<Ok<Response>> Handle(string? q, string? level, string? domain, string? unitCode, string? online, string? page,
        MotCuaDbContext db, TimeProvider clock, IStringLocalizer<CatalogResource> localizer, CancellationToken cancellationToken)
    {
        var query = Parse(q, level, domain, unitCode, online, page, localizer);
        return TypedResults.Ok(await RunAsync(db, query, CatalogQueries.Today(clock), cancellationToken));
    }

    public static Query Parse(string? q, string? level, string? domain, string? unitCode, string? online, string? page, IStringLocalizer localizer)
    {
        var errors = new FieldErrors(localizer);
        errors.MaxLength("q", q, 200);
        errors.MaxLength("domain", domain, 40);
        errors.MaxLength("unitCode", unitCode, 40);
        var parsedLevel = Enum<UnitLevel>(level, "level", errors);
        var parsedOnline = Enum<OnlineMode>(online, "online", errors);
        var parsedPage = 1;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out parsedPage)
            || parsedPage is < 1 or > 10_000))
        {
            errors.Add("page", "Catalog.BadPage");
        }

        errors.ThrowIfAny();
        return new Query(q, parsedLevel, Blank(domain), Blank(unitCode), parsedOnline, parsedPage);
    }

    public static async Task<Response> RunAsync(MotCuaDbContext db, Query query, DateOnly today, CancellationToken cancellationToken)
    {
        var versions = CatalogQueries.ValidOn(db.ProcedureVersions.AsNoTracking(), today);
        if (query.Level is { } level)
        {
            versions = versions.Where(v => v.Level == level);
        }

        if (query.Domain is { } domain)
        {
            versions = versions.Where(v => v.Domain!.Code == domain);
        }

        if (query.Online is { } online)
        {
            versions = versions.Where(v => v.OnlineMode == online);
        }

        if (query.UnitCode is { } unitCode)
        {
            versions = versions.Where(v => db.ProcedureProviders.Any(p => p.ProcedureId == v.ProcedureId && p.Unit!.Code == unitCode));
        }

        var words = SearchTerms.Words(query.Q);
        foreach (var word in words)
        {
            versions = versions.Where(v => v.SearchText.Contains(word));
        }

        var total = await versions.CountAsync(cancellationToken);
        var ordered = words.Length == 0
            ? versions.OrderBy(v => v.SearchName)
            : versions.OrderBy(NameRank(string.Join(' ', words), words)).ThenBy(v => v.SearchName.Length).ThenBy(v => v.SearchName);
        var items = await ordered.Skip((query.Page - 1) * PageSize).Take(PageSize)
            .Select(v => new Item(v.Procedure!.Code, v.Name, v.Level, v.Domain!.Code, v.Domain.Name, v.Agency, v.OnlineMode))
            .ToListAsync(cancellationToken);
        return new Response(total, query.Page, PageSize, items);
    }

    /// <summary>0 when the name holds the query as a phrase, 1 when it holds every word, 2 otherwise. The words
    /// go in as parameters (members of a closure), so that one cached query plan serves every search.</summary>
    private static Expression<Func<ProcedureVersion, int>> NameRank(string phrase, string[] words)
    {
        var v = Expression.Parameter(typeof(ProcedureVersion), "v");
        var name = Expression.Property(v, nameof(ProcedureVersion.SearchName));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression Holds(string text) => Expression.Call(name, contains, Expression.Property(Expression.Constant(new Word(text)), nameof(Word.Text)));
        var allWords = words.Skip(1).Aggregate(Holds(words[0]), (all, word) => Expression.AndAlso(all, Holds(word)));
        var rank = Expression.Condition(Holds(phrase), Expression.Constant(0), Expression.Condition(allWords, Expression.Constant(1), Expression.Constant(2)));
        return Expression.Lambda<Func<ProcedureVersion, int>>(rank, v);
    }

    private sealed record Word(string Text);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static T? Enum<T>(string? value, string field, FieldErrors errors)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (System.Enum.TryParse<T>(value, true, out var parsed) && System.Enum.IsDefined(parsed) && !char.IsDigit(value[0]))
        {
            return parsed;
        }

        errors.Add(field, "Catalog.BadValue", value, string.Join(", ", System.Enum.GetNames<T>()));
        return null;
    }
}
