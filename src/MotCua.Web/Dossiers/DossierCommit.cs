using MotCua.Web.Audit;
using MotCua.Web.Integration.NationalPortal;
using MotCua.Web.Integration.Notices;
using MotCua.Web.Platform.Database;
using MotCua.Web.Reporting;

namespace MotCua.Web.Dossiers;

/// <summary>What a handler did to a dossier, for its history: who, the action, and the facts before and after.</summary>
internal sealed record DossierEvent(Actor Who, string Action, object? Before, object? After);

/// <summary>
/// The one step that writes a dossier's change. In order it turns the change into the history entry, the owner's notices the
/// dossier recorded (<see cref="Dossier.Notify"/>, on the channels the owner's account chose), the reporting milestones,
/// the fact changes and the national portal's sync message (<see cref="PortalSync"/>), and saves them with the dossier in one
/// transaction: the caller's, or one of its own. Whatever the outcome, the context holds nothing afterwards that a later save could write: a failed or cancelled save leaves nothing behind.
/// </summary>
internal sealed class DossierCommit(MotCuaDbContext db, AuditTrail audit, TimeProvider clock)
{
    /// <summary>
    /// Writes a new dossier that was never added to the context, with its parts, history and timeline, as one batch of
    /// INSERTs (<see cref="InsertBatch"/>): the intake path does no change tracking. <paramref name="alsoInsert"/> are other new
    /// rows of the same unit of work (an idempotency record).
    /// </summary>
    public async Task AddAsync(Dossier dossier, DossierEvent happened, CancellationToken cancellationToken, params IReadOnlyList<object> alsoInsert)
    {
        List<object> rows = [dossier, audit.First(happened.Who, happened.Action, nameof(Dossier), dossier.Id.ToString(), happened.After)];
        rows.AddRange(await NoticeChoice.KeepWantedAsync(db, dossier.CitizenAccountId, dossier.TakeNotices(), cancellationToken));
        rows.AddRange(RecordTimeline.Rows(db, dossier, isNew: true, Today()));
        rows.AddRange(PortalSync.Messages(dossier, codeBefore: null, stateBefore: null, happened.Who, clock.GetUtcNow().UtcDateTime));
        rows.AddRange(alsoInsert);
        try
        {
            await InsertBatch.SaveAsync(db, rows, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Saves a dossier loaded in this unit of work (its version guards against a racing writer: 409) with what its change calls for.</summary>
    public async Task SaveAsync(Dossier dossier, DossierEvent happened, CancellationToken cancellationToken)
    {
        try
        {
            db.Add(await audit.NextAsync(happened.Who, happened.Action, nameof(Dossier), dossier.Id.ToString(), happened.Before, happened.After,
                cancellationToken));
            db.AddRange(await NoticeChoice.KeepWantedAsync(db, dossier.CitizenAccountId, dossier.TakeNotices(), cancellationToken));
            db.AddRange(RecordTimeline.Rows(db, dossier, isNew: false, Today()));
            var entry = db.Entry(dossier);
            db.AddRange(PortalSync.Messages(dossier, entry.Property(d => d.Code).OriginalValue, entry.Property(d => d.State).OriginalValue, happened.Who,
                clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private DateOnly Today() => DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
}
