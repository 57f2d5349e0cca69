using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Audit;

/// <summary>
/// One row of the append-only history. Rows form one hash chain per stream (per dossier, per unit, per
/// account), so writes to different entities never wait on each other; <see cref="AuditDigest"/> seals
/// the heads of all chains so that deleting a whole stream is detected too.
/// </summary>
internal sealed class AuditEvent
{
    public long Id { get; private set; }
    public required string StreamId { get; init; }
    public required int Sequence { get; init; }
    public required DateTime OccurredAt { get; init; }
    public Guid? ActorId { get; init; }
    public required string ActorName { get; init; }
    public string? ActorRole { get; init; }
    public string? ActorUnitCode { get; init; }
    public required string Action { get; init; }
    public required string EntityType { get; init; }
    public required string EntityId { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
    public required string PreviousHash { get; init; }
    public string Hash { get; private set; } = "";

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public void Seal() => Hash = ComputeHash();

    public string ComputeHash()
    {
        // Millisecond precision survives both SQLite text and PostgreSQL timestamptz round trips.
        var canonical = string.Join('\u001f',
            StreamId,
            Sequence.ToString(CultureInfo.InvariantCulture),
            OccurredAt.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture),
            ActorId?.ToString() ?? "",
            ActorName,
            ActorRole ?? "",
            ActorUnitCode ?? "",
            Action,
            EntityType,
            EntityId,
            Before ?? "",
            After ?? "",
            PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.StreamId).HasMaxLength(120);
        builder.HasIndex(e => new { e.StreamId, e.Sequence }).IsUnique();
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.ActorRole).HasMaxLength(40);
        builder.Property(e => e.ActorUnitCode).HasMaxLength(40);
        builder.Property(e => e.Action).HasMaxLength(80);
        builder.Property(e => e.EntityType).HasMaxLength(80);
        builder.Property(e => e.EntityId).HasMaxLength(120);
        builder.Property(e => e.Before).HasColumnType("text");
        builder.Property(e => e.After).HasColumnType("text");
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
        builder.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
    }
}

/// <summary>No code path may update or delete history rows: every save is checked, whoever makes it.</summary>
internal sealed class AppendOnlyGuard : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context!.ChangeTracker);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Check(eventData.Context!.ChangeTracker);
        return ValueTask.FromResult(result);
    }

    private static void Check(ChangeTracker tracker)
    {
        if (tracker.Entries<AuditEvent>().Any(e => e.State is EntityState.Modified or EntityState.Deleted)
            || tracker.Entries<AuditDigest>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("History rows are append-only.");
        }
    }
}
