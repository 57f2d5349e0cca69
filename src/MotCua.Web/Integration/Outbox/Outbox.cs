using MotCua.Web.Platform.Database;

namespace MotCua.Web.Integration.Outbox;

/// <summary>Queues notifications in the caller's unit of work: they commit, or vanish, with the change.</summary>
internal sealed class Outbox(MotCuaDbContext db, TimeProvider clock)
{
    public void Enqueue(NotificationChannel channel, string recipient, string subject, string body, string? topic)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Append(new OutboxMessage
        {
            Channel = channel,
            Recipient = recipient,
            Subject = subject,
            Body = body,
            Topic = topic,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }
}
