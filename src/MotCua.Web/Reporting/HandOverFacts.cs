using Microsoft.EntityFrameworkCore;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Reporting;

/// <summary>
/// When a reorganisation moves an open dossier to another handling unit, its open stock (in progress within deadline,
/// overdue, awaiting a supplement) moves with it from the day the reorganisation takes effect, including the changes
/// already dated after that day (a due date that passes later). Flows (received, resolved) stay where they happened,
/// so the old unit's history is unchanged.
/// </summary>
internal static class HandOverFacts
{
    public static async Task<IReadOnlyList<ReportFactDelta>> RowsAsync(MotCuaDbContext db, Dossier dossier, int fromUnitId, DateOnly effective,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(dossier);
        if (fromUnitId == dossier.HandlingUnitId)
        {
            return [];
        }

        var timeline = await db.Set<DossierMilestone>().AsNoTracking().Where(m => m.DossierId == dossier.Id).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var moved = TimelineState.Deltas(timeline, dossier.Channel)
            .Where(d => d.Measure is FactMeasure.Within or FactMeasure.Overdue or FactMeasure.Awaiting)
            .Select(d => d with { Day = d.Day < effective ? effective : d.Day })
            .GroupBy(d => (d.Day, d.Measure))
            .Select(g => (g.Key.Day, g.Key.Measure, Delta: g.Sum(d => d.Delta)))
            .Where(d => d.Delta != 0)
            .ToList();
        var rows = new Dictionary<(DateOnly, int), ReportFactDelta>();
        foreach (var (day, measure, delta) in moved)
        {
            foreach (var (unitId, sign) in new[] { (fromUnitId, -1), (dossier.HandlingUnitId, 1) })
            {
                if (!rows.TryGetValue((day, unitId), out var row))
                {
                    rows[(day, unitId)] = row = new ReportFactDelta
                    {
                        Day = day,
                        UnitId = unitId,
                        DomainCode = dossier.DomainCode ?? "",
                        ProcedureCode = dossier.ProcedureCode,
                        Channel = dossier.Channel,
                    };
                }

                row.Add(measure, sign * delta);
            }
        }

        return [.. rows.Values];
    }
}
