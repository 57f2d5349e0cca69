using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Integration.NationalPortal;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Privacy;

/// <summary>
/// Erases the people's data of closed dossiers whose retention has ended (<see cref="Retention"/>; years per procedure,
/// else <see cref="PrivacyOptions.DefaultRetentionYears"/>). Law 91/2025/QH15, Art. 14: personal data is deleted when the
/// storage period set by law ends. The dossier row, code, dates and figures stay, so the statistics do not change; the
/// history records the erasure without repeating what was erased. Several web nodes may run it at once: the dossier's
/// version is the claim, so one node erases and the others' save fails and is dropped.
/// </summary>
internal static class PurgeExpiredPersonalData
{
    private const int Batch = 100;

    /// <summary>One round; returns how many dossiers this node erased.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MotCuaDbContext>();
        var options = services.GetRequiredService<PrivacyOptions>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DossierTime.VietnamDate(now);

        // Few procedures set their own period: one query per distinct period, and one for every other dossier.
        var custom = await db.Procedures.AsNoTracking().Where(p => p.RetentionYears != null)
            .Select(p => new { p.Code, Years = p.RetentionYears!.Value }).ToListAsync(cancellationToken);
        var customCodes = custom.Select(p => p.Code).ToList();
        var erased = 0;
        foreach (var group in custom.GroupBy(p => p.Years))
        {
            var codes = group.Select(p => p.Code).ToList();
            erased += await EraseAsync(services, d => codes.Contains(d.ProcedureCode), group.Key, today, now, cancellationToken);
        }

        erased += await EraseAsync(services, d => !customCodes.Contains(d.ProcedureCode), options.DefaultRetentionYears, today, now, cancellationToken);
        return erased;
    }

    private static async Task<int> EraseAsync(IServiceProvider services, System.Linq.Expressions.Expression<Func<Dossier, bool>> procedures, int years,
        DateOnly today, DateTime now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MotCuaDbContext>();
        var closedBefore = Retention.ClosedBeforeUtc(today, years);
        var erased = 0;
        var afterId = Guid.Empty;
        while (true)
        {
            var candidates = await db.Dossiers.AsNoTracking()
                .Where(procedures)
                .Where(d => d.PersonalDataErasedAt == null && d.ClosedAt != null && d.ClosedAt < closedBefore && d.Id.CompareTo(afterId) > 0)
                .OrderBy(d => d.Id).Select(d => d.Id).Take(Batch).ToListAsync(cancellationToken);
            foreach (var id in candidates)
            {
                if (await EraseOneAsync(services, id, years, now, cancellationToken))
                {
                    erased++;
                }
            }

            if (candidates.Count < Batch)
            {
                return erased;
            }

            afterId = candidates[^1];
        }
    }

    private static async Task<bool> EraseOneAsync(IServiceProvider services, Guid id, int years, DateTime now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MotCuaDbContext>();
        var logger = services.GetRequiredService<ILogger<PurgeRound>>();
        try
        {
            var dossier = await db.Dossiers.FirstAsync(d => d.Id == id, cancellationToken);
            if (dossier.PersonalDataErasedAt is not null)
            {
                return false;
            }

            var closedOn = DossierTime.VietnamDate(dossier.ClosedAt!.Value);
            var files = dossier.ErasePersonalData(now);
            // The national identity's word on the owner (subject, birth date) goes with the rest, in the same commit.
            var verifications = await db.DossierOwnerVerifications.Where(v => v.DossierId == id).ToListAsync(cancellationToken);
            db.DossierOwnerVerifications.RemoveRange(verifications);
            // So do the owner's notices and the portal's snapshots of the dossier, kept in the outbox after delivery.
            var topics = new[] { "Dossier:" + id, PortalSync.Topic(id) };
            var messages = await db.OutboxMessages.Where(m => topics.Contains(m.Topic)).ToListAsync(cancellationToken);
            messages.ForEach(m => m.ErasePersonalData(now));
            // What was erased is named by kind and count only: the history keeps no copy of it.
            await services.GetRequiredService<DossierCommit>().SaveAsync(dossier, new DossierEvent(Actor.System, "dossier.personal-data-erased", null,
                new
                {
                    RetentionYears = years,
                    ClosedOn = closedOn,
                    ErasableFrom = Retention.ErasableFrom(closedOn, years),
                    FilesErased = files.Count,
                    IdentityVerificationsErased = verifications.Count,
                    MessagesErased = messages.Count,
                }), cancellationToken);

            // After the commit: a crash in between leaves orphan files on disk, never a row pointing at a missing file.
            var store = services.GetRequiredService<FileStore>();
            foreach (var file in files)
            {
                try
                {
                    store.Discard(file);
                }
                catch (IOException exception)
                {
                    logger.LogWarning(exception, "Could not delete the erased file {FileId} of dossier {DossierId}", file.Id, id);
                }
            }

            return true;
        }
        catch (DbUpdateException)
        {
            // Another node erased it, or someone changed it meanwhile: the next round looks again.
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Names the log category.</summary>
    private sealed class PurgeRound;
}
