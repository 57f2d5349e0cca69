using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Integration.Outbox;

internal enum NotificationChannel
{
    Email,
    Sms,

    /// <summary>A dossier's sync to the National Public Service Portal (not a notice to a person).</summary>
    Portal,
}

/// <summary>
/// A notification written in the same transaction as the change it announces, and delivered later
/// by <see cref="OutboxWorker"/>. If the process dies after the commit, the row is still there.
/// </summary>
internal sealed class OutboxMessage
{
    public long Id { get; private set; }
    public NotificationChannel Channel { get; init; }
    public required string Recipient { get; set; }
    public required string Subject { get; init; }
    public required string Body { get; set; }

    /// <summary>What the message is about, e.g. <c>Dossier:000.00.12.H50-260213-0001</c>.</summary>
    public string? Topic { get; init; }

    /// <summary>The resource key of the text (<c>Notice.Received</c>); the SMS gateway's template id is configured per key.</summary>
    public string? Template { get; init; }

    public DateTime CreatedAt { get; init; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LockedUntil { get; set; }
    public int Attempts { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime? GaveUpAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>
    /// Erases the person's data the message holds (the phone or address it went to, the text or the portal's snapshot of the owner)
    /// when its dossier's retention ends; one not yet delivered is given up, since there is nothing left to send.
    /// </summary>
    public bool PersonalDataErased => Recipient.Length == 0 && Body.Length == 0;

    public void ErasePersonalData(DateTime now)
    {
        Recipient = "";
        Body = "";
        if (DeliveredAt is null && GaveUpAt is null)
        {
            (GaveUpAt, LockedUntil, LastError) = (now, null, "Personal data erased at the end of retention");
        }
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Recipient).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Body).HasColumnType("text");
        builder.Property(m => m.Topic).HasMaxLength(120);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.Template).HasMaxLength(60);
        builder.HasIndex(m => new { m.DeliveredAt, m.NextAttemptAt });
        builder.HasIndex(m => m.GaveUpAt);
        builder.HasIndex(m => new { m.Topic, m.Id });
    }
}
