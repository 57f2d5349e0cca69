using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Reporting;

/// <summary>
/// The handling units a report covers: the unit, its subtree when asked, and every unit merged into any of them
/// (transitively, with their subtrees), so figures of abolished units roll up into their successors (DESIGN.md §3, §4.8).
/// </summary>
internal sealed record UnitSelection(AdministrativeUnitInfo Root, IReadOnlyDictionary<int, AdministrativeUnitInfo> Units, IReadOnlyList<int> UnitIds,
    IReadOnlyDictionary<int, int> RowOf)
{
    /// <summary>The unit a handling unit's figures are shown under: itself, or the successor it was merged into.</summary>
    public AdministrativeUnitInfo Row(int unitId) => Units[RowOf[unitId]];

    public static async Task<UnitSelection> ResolveAsync(MotCuaDbContext db, ReportQuery query, CancellationToken cancellationToken)
    {
        var all = await db.Units.AsNoTracking()
            .Select(u => new AdministrativeUnitInfo(u.Id, u.Code, u.Name, u.Path, u.Level, u.SuccessorId))
            .ToListAsync(cancellationToken);
        var root = all.FirstOrDefault(u => u.Code == query.UnitCode) ?? throw ProblemException.NotFound("Units.NotFound");
        var chosen = all.Where(u => u.Id == root.Id || (query.IncludeSubunits && u.Path.StartsWith(root.Path, StringComparison.Ordinal)))
            .ToDictionary(u => u.Id);
        bool grew;
        do
        {
            var merged = all.Where(u => !chosen.ContainsKey(u.Id) && u.SuccessorId is { } s && chosen.ContainsKey(s)).ToList();
            var added = merged.SelectMany(m => all.Where(u => u.Path.StartsWith(m.Path, StringComparison.Ordinal))).Where(u => !chosen.ContainsKey(u.Id)).ToList();
            foreach (var unit in added)
            {
                chosen[unit.Id] = unit;
            }

            grew = added.Count > 0;
        }
        while (grew);

        var rowOf = chosen.Values.ToDictionary(u => u.Id, u => Successor(u, chosen).Id);
        var ids = chosen.Values.Where(u => query.Level is null || u.Level == query.Level).Select(u => u.Id).Order().ToList();
        return new UnitSelection(root, chosen, ids, rowOf);
    }

    private static AdministrativeUnitInfo Successor(AdministrativeUnitInfo unit, Dictionary<int, AdministrativeUnitInfo> chosen)
    {
        var seen = new HashSet<int>();
        while (unit.SuccessorId is { } next && chosen.TryGetValue(next, out var successor) && seen.Add(unit.Id))
        {
            unit = successor;
        }

        return unit;
    }
}

internal sealed record AdministrativeUnitInfo(int Id, string Code, string Name, string Path, UnitLevel Level, int? SuccessorId);
