using MotCua.Web.Platform.Database;

namespace MotCua.Web.Integration.Outbox;

/// <summary>Queues notifications in the caller's unit of work: they commit, or vanish, with the change.</summary>
internal sealed class Outbox(MotCuaDbContext db, TimeProvider clock)
{
    /// <summary>Adds the message to the caller's unit of work (the context's change tracker).</summary>
    public void Enqueue(NotificationChannel channel, string recipient, string subject, string body, string? topic, string? template = null) =>
        db.Add(Message(channel, recipient, subject, body, topic, template));

    /// <summary>A message to queue, for a caller that saves it itself (the dossier commit step).</summary>
    public OutboxMessage Message(NotificationChannel channel, string recipient, string subject, string body, string? topic, string? template = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new OutboxMessage
        {
            Channel = channel,
            Recipient = recipient,
            Subject = subject,
            Body = body,
            Topic = topic,
            Template = template,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }
}
