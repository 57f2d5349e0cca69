using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Web.Workflow;

/// <summary>
/// Issue 6: a dossier that has waited for a supplement for <see cref="WorkflowOptions.SupplementWaitWorkingDays"/> working
/// days (by the handling unit's calendar, from the request) stops: state 8 "dừng xử lý", the only national code for a
/// dossier ended undecided by the authority (7 is the applicant's own withdrawal, 3 applies before receipt only).
/// Recorded as done by the system, the owner told through the outbox. Several web nodes may run it at once: the
/// dossier's version is the claim, so one node closes and notifies, the others' save fails and is dropped.
/// </summary>
internal static class CloseUnsupplementedDossiers
{
    private const int Batch = 100;

    /// <summary>One round; returns how many dossiers this node closed.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MotCuaDbContext>();
        var options = services.GetRequiredService<WorkflowOptions>();
        var calendars = services.GetRequiredService<IWorkingCalendar>();
        var clock = services.GetRequiredService<TimeProvider>();
        var now = DossierTime.ToSecond(clock.GetUtcNow().UtcDateTime);
        var wait = new ProcessingTime(options.SupplementWaitWorkingDays, DurationUnit.WorkingDays);

        // N working days span at least N - 1 calendar days, so older requests are the only candidates.
        var requestedBefore = now.AddDays(-(options.SupplementWaitWorkingDays - 1));
        var closed = 0;
        var afterId = Guid.Empty;
        while (true)
        {
            var candidates = await db.Dossiers.AsNoTracking()
                .Where(d => d.State == DossierState.AwaitingSupplement && d.Id.CompareTo(afterId) > 0)
                .Select(d => new { d.Id, d.HandlingUnitPath, RequestedAt = d.Suspensions.Where(s => s.To == null).Select(s => (DateTime?)s.From).FirstOrDefault() })
                .Where(d => d.RequestedAt <= requestedBefore)
                .OrderBy(d => d.Id)
                .Take(Batch)
                .ToListAsync(cancellationToken);
            foreach (var candidate in candidates)
            {
                var calendar = await calendars.ForUnitAsync(UnitPath.Code(candidate.HandlingUnitPath), cancellationToken);
                if (calendar.Due(VietnamTime.FromUtc(candidate.RequestedAt!.Value), wait, DueOptions.None).UtcDateTime <= now
                    && await CloseAsync(services, candidate.Id, now, cancellationToken))
                {
                    closed++;
                }
            }

            if (candidates.Count < Batch)
            {
                return closed;
            }

            afterId = candidates[^1].Id;
        }
    }

    private static async Task<bool> CloseAsync(IServiceProvider services, Guid id, DateTime now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MotCuaDbContext>();
        var options = services.GetRequiredService<WorkflowOptions>();
        var localizer = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        try
        {
            var dossier = await db.Dossiers.FirstAsync(d => d.Id == id, cancellationToken);

            // Someone acted on it since it was listed (the supplement arrived, or it was ended): nothing is left to close.
            if (dossier.OpenSuspension?.From is not { } requestedAt || dossier.CloseUnsupplemented(localizer["Workflow.ClosedUnsupplemented",
                options.SupplementWaitWorkingDays.ToString(CultureInfo.InvariantCulture), VietnamTime.FromUtc(requestedAt).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)].Value,
                now) is not null)
            {
                return false;
            }
            services.GetRequiredService<WorkflowNotices>().Ended(dossier);
            await services.GetRequiredService<DossierCommit>().SaveAsync(dossier, new DossierEvent(Actor.System, "dossier.closed-unsupplemented",
                new { State = nameof(DossierState.AwaitingSupplement), RequestedAt = requestedAt },
                new { State = dossier.State.ToString(), dossier.Reason, WaitWorkingDays = options.SupplementWaitWorkingDays }), cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node closed it, or a person acted on it meanwhile (version or history sequence taken): theirs stands.
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
