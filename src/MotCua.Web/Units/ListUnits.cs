using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Units;

/// <summary><c>GET /api/v1/units?asOf=&amp;includeClosed=</c>: the units the caller may see, in tree order.</summary>
internal static class ListUnits
{
    public sealed record Item(string Code, string Name, UnitKind Kind, UnitLevel Level, string? ParentCode, int Depth,
        DateOnly ValidFrom, DateOnly? ValidTo, string? SuccessorCode);

    public static async Task<Ok<List<Item>>> Handle(DateOnly? asOf, bool? includeClosed, MotCuaDbContext db, CurrentActor actor, CancellationToken cancellationToken) =>
        TypedResults.Ok(await QueryAsync(db, actor, asOf, includeClosed ?? false, cancellationToken));

    public static async Task<List<Item>> QueryAsync(MotCuaDbContext db, CurrentActor actor, DateOnly? asOf, bool includeClosed, CancellationToken cancellationToken)
    {
        var query = Visible(db.Units.AsNoTracking(), actor);
        if (asOf is { } date)
        {
            query = query.Where(u => u.ValidFrom <= date && (u.ValidTo == null || u.ValidTo >= date));
        }
        else if (!includeClosed)
        {
            query = query.Where(u => u.ValidTo == null);
        }

        var rows = await query
            .Select(u => new { u.Code, u.Name, u.Kind, u.Level, ParentCode = u.Parent == null ? null : u.Parent.Code, u.Path, u.ValidFrom, u.ValidTo, SuccessorCode = u.Successor == null ? null : u.Successor.Code })
            .ToListAsync(cancellationToken);
        // Tree order: a unit's path is its ancestors' codes, so ordinal order of paths lists parents first.
        return rows.OrderBy(r => r.Path, StringComparer.Ordinal)
            .Select(r => new Item(r.Code, r.Name, r.Kind, r.Level, r.ParentCode, r.Path.Count(c => c == '/') - 2, r.ValidFrom, r.ValidTo, r.SuccessorCode))
            .ToList();
    }

    /// <summary>Restricts a query to the subtrees of the caller's roles.</summary>
    public static IQueryable<AdministrativeUnit> Visible(IQueryable<AdministrativeUnit> units, CurrentActor actor) =>
        UnitScope.Within(units, u => u.Path, actor.VisiblePaths);
}
