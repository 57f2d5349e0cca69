using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Web.Catalog;

/// <summary>The public listing (niêm yết) of a unit: the procedures it provides today, by domain, with counts of
/// those offered fully and partly online. Also the units a citizen may filter the search by.</summary>
internal static class ListUnitProcedures
{
    public sealed record Item(string Code, string Name, UnitLevel Level, string DomainName, OnlineMode OnlineMode, int? Amount, TimeUnit? Unit, long? Fee);

    public sealed record Listing(string UnitCode, string UnitName, IReadOnlyList<Item> Items)
    {
        public int Full => Items.Count(i => i.OnlineMode == OnlineMode.Full);
        public int Partial => Items.Count(i => i.OnlineMode == OnlineMode.Partial);
    }

    public sealed record UnitOption(string Code, string Name);

    public static async Task<Listing?> LoadAsync(MotCuaDbContext db, string unitCode, DateOnly today, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking()
            .Where(u => u.Code == unitCode && u.ValidFrom <= today && (u.ValidTo == null || u.ValidTo >= today))
            .Select(u => new { u.Id, u.Code, u.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            return null;
        }

        var items = await CatalogQueries.ValidOn(db.ProcedureVersions.AsNoTracking(), today)
            .Where(v => db.ProcedureProviders.Any(p => p.ProcedureId == v.ProcedureId && p.UnitId == unit.Id))
            .OrderBy(v => v.Domain!.Name).ThenBy(v => v.SearchName)
            .Select(v => new Item(v.Procedure!.Code, v.Name, v.Level, v.Domain!.Name, v.OnlineMode,
                v.Times.Where(t => t.Channel == Channel.Counter).Select(t => (int?)t.Amount).FirstOrDefault(),
                v.Times.Where(t => t.Channel == Channel.Counter).Select(t => (TimeUnit?)t.Unit).FirstOrDefault(),
                v.Fees.Sum(f => (long?)f.Amount)))
            .ToListAsync(cancellationToken);
        return new Listing(unit.Code, unit.Name, items);
    }

    public static Task<List<UnitOption>> ProvidersAsync(MotCuaDbContext db, DateOnly today, CancellationToken cancellationToken) =>
        db.Units.AsNoTracking()
            .Where(u => u.ValidFrom <= today && (u.ValidTo == null || u.ValidTo >= today) && db.ProcedureProviders.Any(p => p.UnitId == u.Id))
            .OrderBy(u => u.Path).Select(u => new UnitOption(u.Code, u.Name))
            .ToListAsync(cancellationToken);
}
