using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Dossiers;

/// <summary>An <c>Idempotency-Key</c> a client used, and the dossier its first request created.</summary>
internal sealed class IdempotencyRecord
{
    public Guid ActorId { get; init; }
    public required string Key { get; init; }
    public Guid DossierId { get; init; }
    public DateTime CreatedAt { get; init; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyRecords");
        builder.HasKey(r => new { r.ActorId, r.Key });
        builder.Property(r => r.Key).HasMaxLength(100);
    }
}
