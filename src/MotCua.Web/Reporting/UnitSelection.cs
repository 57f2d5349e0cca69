using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Reporting;

/// <summary>
/// The handling units a report covers: the unit, its subtree when asked (the base), and every unit whose work its successors
/// carry on into the base, with its offices, so figures of abolished units roll up into their successors (DESIGN.md §3, §4.8).
/// A unit split between several successors (<see cref="Succession"/>) counts under each only for the work that successor
/// took over, by the same rule as the hand-over. The base itself always keeps its own history: the old district's report
/// for 2023 is what it was.
/// </summary>
internal sealed class UnitSelection
{
    private readonly HashSet<int> _base;
    private readonly IReadOnlyDictionary<int, AdministrativeUnitInfo> _all;
    private readonly IReadOnlyDictionary<int, Succession> _successions;

    private UnitSelection(AdministrativeUnitInfo root, HashSet<int> baseIds, IReadOnlyDictionary<int, AdministrativeUnitInfo> all,
        IReadOnlyDictionary<int, Succession> successions, IReadOnlyDictionary<int, AdministrativeUnitInfo> units, IReadOnlyList<int> unitIds)
    {
        (Root, _base, _all, _successions, Units, UnitIds) = (root, baseIds, all, successions, units, unitIds);
        DependsOnWork = units.Keys.Any(id => _successions.TryGetValue(Owner(id).Id, out var s) && s.HasOverrides);
    }

    public AdministrativeUnitInfo Root { get; }

    /// <summary>The units whose facts may count, by id.</summary>
    public IReadOnlyDictionary<int, AdministrativeUnitInfo> Units { get; }

    public IReadOnlyList<int> UnitIds { get; }

    /// <summary>True when a unit's facts count only for some domains or procedures: sums must then be read per unit, domain and procedure.</summary>
    public bool DependsOnWork { get; }

    /// <summary>
    /// The unit that a fact of <paramref name="unitId"/> in the domain and procedure is shown under: the last unit of its chain of
    /// successors that lies in the base (itself when it does), or null when the fact does not count in this report.
    /// </summary>
    public AdministrativeUnitInfo? Row(int unitId, string domainCode, string procedureCode)
    {
        AdministrativeUnitInfo? row = null;
        var current = _all[unitId];
        var seen = new HashSet<int>();
        while (true)
        {
            if (_base.Contains(current.Id))
            {
                row = current;
            }

            var owner = Owner(current.Id);
            if (!_successions.TryGetValue(owner.Id, out var succession) || !seen.Add(owner.Id))
            {
                return row;
            }

            current = _all[succession.SuccessorFor(domainCode, procedureCode)];
        }
    }

    public static async Task<UnitSelection> ResolveAsync(MotCuaDbContext db, ReportQuery query, CancellationToken cancellationToken)
    {
        var all = await db.Units.AsNoTracking()
            .Select(u => new AdministrativeUnitInfo(u.Id, u.Code, u.Name, u.Path, u.Level, u.Kind, u.ParentId, u.SuccessorId))
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        var rules = (await db.SuccessionRules.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(r => r.PredecessorId);
        var successions = all.Values.Where(u => u.SuccessorId is not null)
            .ToDictionary(u => u.Id, u => Succession.Of(u.SuccessorId!.Value, rules[u.Id]));
        var root = all.Values.FirstOrDefault(u => u.Code == query.UnitCode) ?? throw ProblemException.NotFound("Units.NotFound");
        var baseIds = all.Values.Where(u => u.Id == root.Id || (query.IncludeSubunits && u.Path.StartsWith(root.Path, StringComparison.Ordinal)))
            .Select(u => u.Id).ToHashSet();
        var owners = all.Values.ToLookup(u => OwnerOf(u, all).Id);
        var chosen = baseIds.ToHashSet();
        bool grew;
        do
        {
            var predecessors = successions.Where(s => !chosen.Contains(s.Key) && s.Value.SuccessorIds.Any(chosen.Contains)).Select(s => s.Key).ToList();
            var added = predecessors.SelectMany(p => owners[p]).Where(u => chosen.Add(u.Id)).ToList();
            grew = added.Count > 0;
        }
        while (grew);

        var units = chosen.ToDictionary(id => id, id => all[id]);
        var ids = units.Values.Where(u => query.Level is null || u.Level == query.Level).Select(u => u.Id).Order().ToList();
        return new UnitSelection(root, baseIds, all, successions, units, ids);
    }

    private AdministrativeUnitInfo Owner(int unitId) => OwnerOf(_all[unitId], _all);

    /// <summary>The tier unit (province, district, commune) an office or desk belongs to: the one whose reorganisation carries its work on.</summary>
    private static AdministrativeUnitInfo OwnerOf(AdministrativeUnitInfo unit, IReadOnlyDictionary<int, AdministrativeUnitInfo> all)
    {
        while (unit.Kind is UnitKind.Office or UnitKind.Desk && unit.SuccessorId is null && unit.ParentId is { } parent && all.TryGetValue(parent, out var up))
        {
            unit = up;
        }

        return unit;
    }
}

internal sealed record AdministrativeUnitInfo(int Id, string Code, string Name, string Path, UnitLevel Level, UnitKind Kind, int? ParentId, int? SuccessorId);
