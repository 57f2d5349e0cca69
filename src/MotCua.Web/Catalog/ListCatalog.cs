using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Web.Catalog;

/// <summary><c>GET /api/v1/catalog/procedures?q=&amp;page=</c>: every procedure for the back office, with its
/// newest version whatever its state, so drafts and abolished procedures show too.</summary>
internal static class ListCatalog
{
    public const int PageSize = 50;

    public sealed record Item(string Code, string Name, UnitLevel Level, string Domain, int Number, VersionStatus Status, DateOnly? ValidFrom, DateOnly? ValidTo, bool HasDraft);

    public sealed record Response(int Total, int Page, IReadOnlyList<Item> Items);

    public static async Task<Ok<Response>> Handle(string? q, int? page, MotCuaDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await QueryAsync(db, q, Math.Clamp(page ?? 1, 1, 10_000), cancellationToken));

    public static async Task<Response> QueryAsync(MotCuaDbContext db, string? q, int page, CancellationToken cancellationToken)
    {
        var latest = db.ProcedureVersions.AsNoTracking()
            .Where(v => v.Number == db.ProcedureVersions.Where(x => x.ProcedureId == v.ProcedureId).Max(x => x.Number));
        foreach (var word in SearchTerms.Words(q))
        {
            latest = latest.Where(v => v.SearchText.Contains(word));
        }

        var total = await latest.CountAsync(cancellationToken);
        var items = await latest.OrderBy(v => v.SearchName).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(v => new Item(v.Procedure!.Code, v.Name, v.Level, v.Domain!.Name, v.Number, v.Status, v.ValidFrom, v.ValidTo,
                v.Status == VersionStatus.Draft))
            .ToListAsync(cancellationToken);
        return new Response(total, page, items);
    }
}
