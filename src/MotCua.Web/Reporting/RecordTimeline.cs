using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Reporting;

/// <summary>
/// The single hook that keeps the reporting timeline and facts: called by <see cref="MotCuaDbContext"/> before every
/// save, it compares each changed dossier with what was loaded and appends its milestones and fact changes to the same
/// transaction, so no intake or workflow path can forget them.
/// </summary>
internal static class RecordTimeline
{
    /// <param name="untracked">New dossiers saved without the change tracker (<see cref="MotCuaDbContext.SaveNewRowsAsync"/>).</param>
    public static void Capture(MotCuaDbContext db, IEnumerable<Dossier> untracked)
    {
        var dossiers = db.ChangeTracker.Entries<Dossier>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList();
        var created = untracked.ToList();
        if (dossiers.Count == 0 && created.Count == 0)
        {
            return;
        }

        // The import writes its own timeline (with past days); its dossiers are skipped here.
        var written = db.Appended<DossierMilestone>().Select(m => m.DossierId).ToHashSet();
        var clock = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<TimeProvider>()
            ?? TimeProvider.System;
        var today = DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        var facts = new FactWriter(db);
        foreach (var entry in dossiers.Where(e => !written.Contains(e.Entity.Id)))
        {
            var dossier = entry.Entity;
            var newResults = dossier.Files.Where(f => f.Kind == DossierFileKind.Result && db.Entry(f).State == EntityState.Added).ToList();
            var before = entry.State == EntityState.Added
                ? DossierSnapshot.New
                : new DossierSnapshot(
                    entry.Property(d => d.State).OriginalValue,
                    entry.Property(d => d.OriginalDueAt).OriginalValue,
                    entry.Property(d => d.FinishedAt).OriginalValue,
                    dossier.Files.Count(f => f.Kind == DossierFileKind.Result) - newResults.Count,
                    dossier.Suspensions.Any(s => db.Entry(s).State != EntityState.Added && db.Entry(s).Property(x => x.To).OriginalValue is null));
            Record(dossier, before, newResults);
        }

        foreach (var dossier in created.Where(d => !written.Contains(d.Id)))
        {
            Record(dossier, DossierSnapshot.New, dossier.Files.Where(f => f.Kind == DossierFileKind.Result));
        }

        void Record(Dossier dossier, DossierSnapshot before, IEnumerable<DossierFile> newResults)
        {
            var decidedDay = before.FinishedAt is { } finished ? DossierTime.VietnamDate(finished) : (DateOnly?)null;
            Append(db, facts, dossier, before.Timeline(decidedDay), before.MilestonesTo(dossier, newResults, today));
        }
    }

    /// <summary>Appends milestones of a dossier whose reporting state is <paramref name="state"/>, with their fact changes; returns the new state.</summary>
    public static TimelineState Append(MotCuaDbContext db, FactWriter facts, Dossier dossier, TimelineState state, IEnumerable<DossierMilestone> milestones)
    {
        var deltas = new List<FactDelta>();
        foreach (var milestone in milestones)
        {
            db.Append(milestone);
            state = state.Step(milestone, dossier.Channel, deltas);
        }

        facts.Add(dossier, deltas);
        return state;
    }
}

/// <summary>Collects fact changes, one row per key and day, and appends them to the unit of work.</summary>
internal sealed class FactWriter(MotCuaDbContext db)
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
                db.Append(row);
            }

            row.Add(delta.Measure, delta.Delta);
        }
    }
}
