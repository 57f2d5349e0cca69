using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Web.Workflow;

/// <summary>
/// Issue 6: flags undecided dossiers that are due within <see cref="WorkflowOptions.SoonDueWorkingHours"/> working hours
/// or already overdue, and tells the assignee and the receiving desk through the outbox, once per dossier, condition
/// and due date (an extension or a restarted clock gives a new due date, which may be flagged again). Safe on several
/// web nodes: a conditional update of the dossier's notice column is the claim, in the same transaction as the notices
/// and the history row, so a second node finds nothing left to claim.
/// </summary>
internal static class FlagDueDossiers
{
    private const int Batch = 200;

    public sealed record Outcome(int DueSoon, int Overdue);

    private sealed record Candidate(Guid Id, string? Code, string ProcedureName, DateTime DueAt, string HandlingUnitPath, string ReceivingUnitPath, Guid? AssigneeId);

    public static async Task<Outcome> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MotCuaDbContext>();
        var options = services.GetRequiredService<WorkflowOptions>();
        var calendars = services.GetRequiredService<IWorkingCalendar>();
        var now = DossierTime.ToSecond(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var soonWindow = TimeSpan.FromHours(options.SoonDueWorkingHours);

        var overdue = 0;
        while (true)
        {
            var batch = await Open(db)
                .Where(d => d.DueAt <= now && (d.OverdueNoticeFor == null || d.OverdueNoticeFor != d.DueAt))
                .OrderBy(d => d.DueAt).Take(Batch).Select(Project).ToListAsync(cancellationToken);
            var flagged = 0;
            foreach (var candidate in batch)
            {
                flagged += await FlagAsync(services, candidate, overdue: true, cancellationToken) ? 1 : 0;
            }

            overdue += flagged;
            if (batch.Count < Batch || flagged == 0)
            {
                break;
            }
        }

        // A working hour takes at least a calendar hour, and H working hours never span more than H / 4 working days
        // (half a day at least) plus a fortnight of days off (Tết and its weekends): a generous bound, checked exactly below.
        var horizon = now.AddDays(Math.Ceiling(options.SoonDueWorkingHours / 4.0) + 14);
        var dueSoon = 0;
        var after = now;
        while (true)
        {
            var from = after;
            var batch = await Open(db)
                .Where(d => d.DueAt > from && d.DueAt <= horizon && (d.SoonDueNoticeFor == null || d.SoonDueNoticeFor != d.DueAt))
                .OrderBy(d => d.DueAt).Take(Batch).Select(Project).ToListAsync(cancellationToken);
            var inWindow = 0;
            foreach (var candidate in batch)
            {
                var calendar = await calendars.ForUnitAsync(UnitPath.Code(candidate.HandlingUnitPath), cancellationToken);
                if (ProcessingClock.WorkingTimeLeft(calendar, now, candidate.DueAt) > soonWindow)
                {
                    continue;
                }

                inWindow++;
                dueSoon += await FlagAsync(services, candidate, overdue: false, cancellationToken) ? 1 : 0;
            }

            // Sorted by due date: once a whole batch is outside every unit's window, later ones are too.
            if (batch.Count < Batch || inWindow == 0)
            {
                break;
            }

            after = batch[^1].DueAt;
        }

        return new Outcome(dueSoon, overdue);
    }

    private static IQueryable<Dossier> Open(MotCuaDbContext db) => db.Dossiers.AsNoTracking().Where(d => d.DueAt != null).Where(Dossier.ClockRuns);

    private static readonly System.Linq.Expressions.Expression<Func<Dossier, Candidate>> Project = d =>
        new Candidate(d.Id, d.Code, d.ProcedureName, d.DueAt!.Value, d.HandlingUnitPath, d.ReceivingUnitPath, d.AssigneeId);

    private static async Task<bool> FlagAsync(IServiceProvider services, Candidate candidate, bool overdue, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MotCuaDbContext>();
        var due = candidate.DueAt;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var claim = db.Dossiers.Where(d => d.Id == candidate.Id && d.DueAt == due).Where(Dossier.ClockRuns);
            var claimed = overdue
                ? await claim.Where(d => d.OverdueNoticeFor == null || d.OverdueNoticeFor != due)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.OverdueNoticeFor, due), cancellationToken)
                : await claim.Where(d => d.SoonDueNoticeFor == null || d.SoonDueNoticeFor != due)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.SoonDueNoticeFor, due), cancellationToken);
            if (claimed == 0)
            {
                return false;
            }

            // The officer holding the dossier, and the desk officers of the unit that received it (not those of its ancestors).
            var recipients = await db.Users.AsNoTracking()
                .Where(u => !u.IsDisabled && (u.Id == candidate.AssigneeId
                    || u.Roles.Any(r => r.Role == StaffRole.DeskOfficer && r.Unit!.Path == candidate.ReceivingUnitPath)))
                .Select(u => new StaffContact(u.Email, u.PhoneNumber))
                .ToListAsync(cancellationToken);
            var when = VietnamTime.FromUtc(due).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
            services.GetRequiredService<WorkflowNotices>().ToStaff(recipients, candidate.Id, overdue ? "Notice.Overdue" : "Notice.DueSoon",
                candidate.Code ?? "", candidate.ProcedureName, when);
            await services.GetRequiredService<AuditTrail>().RecordAsync(Actor.System, overdue ? "dossier.overdue-flagged" : "dossier.due-soon-flagged",
                "Dossier", candidate.Id.ToString(), null, new { DueAt = due, candidate.AssigneeId, Notified = recipients.Count }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // A person acted on the dossier meanwhile (its history sequence is taken): nothing is kept, the next round retries.
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
