using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Audit;

/// <summary>A periodic seal over the heads of all chains. Digests chain among themselves too.</summary>
internal sealed class AuditDigest
{
    public long Id { get; private set; }
    public required DateTime CreatedAt { get; init; }
    public required int StreamCount { get; init; }
    public required long EventCount { get; init; }

    /// <summary>Lines of <c>stream␟sequence␟hash</c>, sorted by stream.</summary>
    public required string Heads { get; init; }

    public required string PreviousHash { get; init; }
    public string Hash { get; private set; } = "";

    public void Seal() => Hash = ComputeHash();

    public string ComputeHash() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', PreviousHash, StreamCount, EventCount, Heads))));
}

internal sealed class AuditDigestConfiguration : IEntityTypeConfiguration<AuditDigest>
{
    public void Configure(EntityTypeBuilder<AuditDigest> builder)
    {
        builder.ToTable("AuditDigests");
        builder.Property(d => d.Heads).HasColumnType("text");
        builder.Property(d => d.PreviousHash).HasMaxLength(64).IsFixedLength();
        builder.Property(d => d.Hash).HasMaxLength(64).IsFixedLength();
    }
}
