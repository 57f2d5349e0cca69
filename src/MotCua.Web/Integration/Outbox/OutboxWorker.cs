using Microsoft.EntityFrameworkCore;
using MotCua.Web.Integration.Notices;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Integration.Outbox;

/// <summary>
/// Delivers queued notifications with retries and exponential back-off. Several web nodes may run it:
/// each claims a row by a conditional update of its lease, so a message is sent by one node at a time.
/// Delivery is at least once; a node that dies mid-send leaves the lease to expire and the row is retried (the SMS gateway
/// drops the repeat by its idempotency key). After <see cref="OutboxOptions.MaxAttempts"/> failures, or a refusal that
/// retrying cannot fix, the message is a dead letter (<see cref="OutboxMessage.GaveUpAt"/>) until an administrator re-sends it.
/// </summary>
internal sealed class OutboxWorker(IServiceScopeFactory scopes, OutboxOptions options, TimeProvider clock, ILogger<OutboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval, clock);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                await DeliverDueAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Outbox delivery round failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private const int Batch = 100;

    /// <summary>One delivery round, batch after batch until nothing is due; returns how many messages were delivered.</summary>
    public static async Task<int> DeliverDueAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var delivered = 0;
        while (true)
        {
            var (sent, claimed) = await DeliverBatchAsync(services, cancellationToken);
            delivered += sent;
            if (claimed < Batch)
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
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.DeliveredAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
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
            var claimed = await db.Set<OutboxMessage>()
                .Where(m => m.Id == id && m.DeliveredAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, until).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            var message = await db.Set<OutboxMessage>().FirstAsync(m => m.Id == id, cancellationToken);
            try
            {
                await sink.SendAsync(message, cancellationToken);
                message.DeliveredAt = clock.GetUtcNow().UtcDateTime;
                message.LockedUntil = null;
                delivered++;
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
}
