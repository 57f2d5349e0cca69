using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Integration.NationalPortal;

/// <summary>
/// The portal's answer "00" to one pushed message (an outbox row of channel Portal): what it accepted (the dossier's code and
/// national status), when, and the reference it gave. Written with the message's delivery mark, in the same save; append-only.
/// </summary>
internal sealed class PortalAcknowledgement
{
    public long Id { get; private set; }
    public long OutboxMessageId { get; init; }
    public Guid DossierId { get; init; }
    public required string DossierCode { get; init; }

    /// <summary>TrangThaiHoSo as pushed (1–10, DESIGN.md §4.6).</summary>
    public int Status { get; init; }

    public DateTime AcknowledgedAt { get; init; }

    /// <summary>The portal's own reference for the accepted message.</summary>
    public required string Reference { get; init; }
}

internal sealed class PortalAcknowledgementConfiguration : IEntityTypeConfiguration<PortalAcknowledgement>
{
    public void Configure(EntityTypeBuilder<PortalAcknowledgement> builder)
    {
        builder.ToTable("PortalAcknowledgements");
        builder.Property(a => a.DossierCode).HasMaxLength(60);
        builder.Property(a => a.Reference).HasMaxLength(80);
        builder.HasIndex(a => a.OutboxMessageId).IsUnique();
        builder.HasIndex(a => a.DossierId);
    }
}
