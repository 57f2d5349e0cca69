using Microsoft.EntityFrameworkCore;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Reporting;

/// <summary>
/// Keeps the reporting timeline and facts of dossiers: the Dossiers module's commit step asks it for the milestones and fact
/// changes of each dossier it saves, comparing the dossier with what was loaded, and writes them in the same transaction.
/// </summary>
internal static class RecordTimeline
{
    /// <summary>
    /// The milestones and fact changes of one dossier's change in this unit of work. A new dossier (<paramref name="isNew"/>,
    /// tracked as added or not tracked at all) starts from nothing; a loaded one from the values it was loaded with.
    /// </summary>
    public static IReadOnlyList<object> Rows(MotCuaDbContext db, Dossier dossier, bool isNew, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(dossier);
        var facts = new FactWriter();
        var rows = new List<object>();
        if (isNew)
        {
            Append(rows, facts, dossier, TimelineState.None, DossierSnapshot.New.MilestonesTo(dossier, dossier.Files.Where(f => f.Kind == DossierFileKind.Result), today));
        }
        else
        {
            var entry = db.Entry(dossier);
            var newResults = dossier.Files.Where(f => f.Kind == DossierFileKind.Result && db.Entry(f).State == EntityState.Added).ToList();
            var before = new DossierSnapshot(
                entry.Property(d => d.State).OriginalValue,
                entry.Property(d => d.OriginalDueAt).OriginalValue,
                entry.Property(d => d.FinishedAt).OriginalValue,
                dossier.Files.Count(f => f.Kind == DossierFileKind.Result) - newResults.Count,
                dossier.Suspensions.Any(s => db.Entry(s).State != EntityState.Added && db.Entry(s).Property(x => x.To).OriginalValue is null));
            var decidedDay = before.FinishedAt is { } finished ? DossierTime.VietnamDate(finished) : (DateOnly?)null;
            Append(rows, facts, dossier, before.Timeline(decidedDay), before.MilestonesTo(dossier, newResults, today));
        }

        rows.AddRange(facts.Rows);
        return rows;
    }

    /// <summary>Adds milestones of a dossier whose reporting state is <paramref name="state"/> to <paramref name="rows"/>, with their fact changes; returns the new state.</summary>
    public static TimelineState Append(List<object> rows, FactWriter facts, Dossier dossier, TimelineState state, IEnumerable<DossierMilestone> milestones)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(facts);
        var deltas = new List<FactDelta>();
        foreach (var milestone in milestones)
        {
            rows.Add(milestone);
            state = state.Step(milestone, dossier.Channel, deltas);
        }

        facts.Add(dossier, deltas);
        return state;
    }
}

/// <summary>Collects fact changes, one row per key and day.</summary>
internal sealed class FactWriter
{
    private readonly Dictionary<(DateOnly, int, string, string, Catalog.Channel), ReportFactDelta> _rows = [];

    public void Add(Dossier dossier, IEnumerable<FactDelta> deltas)
    {
        foreach (var delta in deltas)
        {
            var key = (delta.Day, dossier.HandlingUnitId, dossier.DomainCode ?? "", dossier.ProcedureCode, dossier.Channel);
            if (!_rows.TryGetValue(key, out var row))
            {
                _rows[key] = row = new ReportFactDelta
                {
                    Day = delta.Day,
                    UnitId = dossier.HandlingUnitId,
                    DomainCode = dossier.DomainCode ?? "",
                    ProcedureCode = dossier.ProcedureCode,
                    Channel = dossier.Channel,
                };
            }

            row.Add(delta.Measure, delta.Delta);
        }
    }

    public IEnumerable<ReportFactDelta> Rows => _rows.Values;
}
