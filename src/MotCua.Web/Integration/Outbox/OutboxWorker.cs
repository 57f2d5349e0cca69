using Microsoft.EntityFrameworkCore;
using MotCua.Web.Integration.NationalPortal;
using MotCua.Web.Integration.Notices;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Jobs;
using Polly.CircuitBreaker;

namespace MotCua.Web.Integration.Outbox;

/// <summary>
/// Delivers queued notifications with retries and exponential back-off. Several web nodes may run it:
/// each claims a row by a conditional update of its lease, so a message is sent by one node at a time.
/// Delivery is at least once; a node that dies mid-send leaves the lease to expire and the row is retried (the SMS gateway
/// drops the repeat by its idempotency key). After <see cref="OutboxOptions.MaxAttempts"/> failures, or a refusal that
/// retrying cannot fix, the message is a dead letter (<see cref="OutboxMessage.GaveUpAt"/>) until an administrator re-sends it.
/// Messages to the national portal keep their order per dossier (<see cref="Due"/>), are pushed by <see cref="NationalPortalClient"/>
/// and saved with its acknowledgement; while the portal is not configured they wait.
/// </summary>
internal sealed class OutboxWorker(IServiceScopeFactory scopes, OutboxOptions options, TimeProvider clock, ILogger<OutboxWorker> logger)
    : PeriodicJob(scopes, options.PollInterval, clock, logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected override bool RunsAtStart => true;

    protected override async Task<string?> RunRoundAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        await DeliverDueAsync(services, cancellationToken) is var delivered and > 0 ? $"{delivered} messages delivered" : null;

    private const int Batch = 100;

    /// <summary>
    /// One delivery round, batch after batch until nothing is due; returns how many messages were delivered. A delivery may
    /// free the next portal message of its dossier, so a batch that delivered something is followed by another.
    /// </summary>
    public static async Task<int> DeliverDueAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var delivered = 0;
        while (true)
        {
            var (sent, claimed) = await DeliverBatchAsync(services, cancellationToken);
            delivered += sent;
            if (claimed < Batch && sent == 0)
            {
                return delivered;
            }
        }
    }

    private static async Task<(int Delivered, int Seen)> DeliverBatchAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MotCuaDbContext>();
        var sink = services.GetRequiredService<INotificationSink>();
        var options = services.GetRequiredService<OutboxOptions>();
        var clock = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<OutboxWorker>>();
        var portalOn = services.GetRequiredService<NationalPortalOptions>().Configured;
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await Due(db.Set<OutboxMessage>().AsNoTracking(), db, now, portalOn)
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(Batch)
            .ToListAsync(cancellationToken);
        var delivered = 0;
        foreach (var id in due)
        {
            var until = now + Lease;
            // The list may be stale: another node may have sent it, or failed it (its next attempt is later, or it gave up)
            // since. The claim checks all of it again on the row itself.
            var claimed = await Due(db.Set<OutboxMessage>().Where(m => m.Id == id), db, now, portalOn)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, until).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            var message = await db.Set<OutboxMessage>().FirstAsync(m => m.Id == id, cancellationToken);
            try
            {
                if (message.Channel == NotificationChannel.Portal)
                {
                    db.Add(await services.GetRequiredService<NationalPortalClient>().PushAsync(message, cancellationToken));
                }
                else
                {
                    await sink.SendAsync(message, cancellationToken);
                }

                message.DeliveredAt = clock.GetUtcNow().UtcDateTime;
                message.LockedUntil = null;
                delivered++;
            }
            catch (BrokenCircuitException open)
            {
                // Not tried: the breaker holds calls back from a portal that keeps failing. The attempt is given back; the message waits.
                message.Attempts--;
                message.LockedUntil = null;
                message.NextAttemptAt = now + (open.RetryAfter ?? TimeSpan.FromSeconds(30));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                message.LockedUntil = null;
                message.LastError = exception.GetType().Name + ": " + exception.Message[..Math.Min(exception.Message.Length, 900)];
                // 30 s, 1 min, 2 min, … capped at an hour.
                message.NextAttemptAt = now + TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, message.Attempts - 1)));
                if (message.Attempts >= options.MaxAttempts || exception is NoticeRejectedException)
                {
                    message.GaveUpAt = now;
                }

                logger.LogWarning("Outbox message {Id} ({Channel}) failed attempt {Attempt}", message.Id, message.Channel, message.Attempts);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return (delivered, due.Count);
    }

    /// <summary>
    /// The messages due now. A portal message waits while an earlier one of the same dossier (its topic) is not delivered,
    /// dead letters included, so that the portal never gets a later status before an earlier one.
    /// </summary>
    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> messages, MotCuaDbContext db, DateTime now, bool portalOn) =>
        messages.Where(m => m.DeliveredAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now)
            && (m.Channel != NotificationChannel.Portal || (portalOn && !db.OutboxMessages.Any(e =>
                e.Channel == NotificationChannel.Portal && e.Topic == m.Topic && e.Id < m.Id && e.DeliveredAt == null))));
}
