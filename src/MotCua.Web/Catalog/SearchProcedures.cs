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
/// must match, and procedures whose name holds the words come first (see <see cref="CatalogSearchIndex"/>).
/// Bad filter values answer 400.
/// </summary>
internal static class SearchProcedures
{
    public const int PageSize = 20;

    public sealed record Query(string? Q, UnitLevel? Level, string? Domain, string? UnitCode, OnlineMode? Online, int Page);

    public sealed record Item(string Code, string Name, UnitLevel Level, string DomainCode, string DomainName, string Agency, OnlineMode OnlineMode);

    public sealed record Response(int Total, int Page, int PageSize, IReadOnlyList<Item> Items);

    public static async Task<Ok<Response>> Handle(string? q, string? level, string? domain, string? unitCode, string? online, string? page,
        CatalogSearchIndex index, TimeProvider clock, IStringLocalizer<CatalogResource> localizer, CancellationToken cancellationToken)
    {
        var query = Parse(q, level, domain, unitCode, online, page, localizer);
        return TypedResults.Ok(await index.SearchAsync(query, CatalogQueries.Today(clock), cancellationToken));
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
