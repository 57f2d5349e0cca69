using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Payments;

internal enum GatewayOrderStatus
{
    Pending,
    Paid,
    Failed,
}

/// <summary>
/// One online payment attempt: the reference sent to the gateway (vnp_TxnRef), the amount and charges it pays, and what the
/// gateway said. Only the server-to-server notice (IPN) or the reconciliation's status query turns it to paid; the citizen's
/// return only reads it.
/// </summary>
internal sealed class GatewayOrder
{
    public required string Id { get; init; }
    public Guid DossierId { get; init; }
    public required string DossierCode { get; init; }
    public long Amount { get; init; }

    /// <summary>The charges it pays, comma-separated ids.</summary>
    public required string Charges { get; init; }

    public DateTime CreatedAt { get; init; }
    public GatewayOrderStatus Status { get; private set; }
    public string? GatewayTransaction { get; private set; }
    public string? ResponseCode { get; private set; }
    public DateTime? SettledAt { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<Guid> ChargeIds => [.. Charges.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)];

    public void Settle(bool paid, string responseCode, string? transaction, DateTime at)
    {
        Status = paid ? GatewayOrderStatus.Paid : GatewayOrderStatus.Failed;
        ResponseCode = responseCode;
        GatewayTransaction = transaction;
        SettledAt = at;
        Version++;
    }
}

/// <summary>A day's reconciliation with the gateway: how many orders were compared, and each mismatch found (JSON lines).</summary>
internal sealed class ReconciliationRun
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateOnly Day { get; init; }
    public DateTime RanAt { get; init; }
    public int Checked { get; init; }
    public int Mismatches { get; init; }
    public required string Report { get; init; }
}

internal sealed class GatewayOrderConfiguration : IEntityTypeConfiguration<GatewayOrder>
{
    public void Configure(EntityTypeBuilder<GatewayOrder> builder)
    {
        builder.ToTable("GatewayOrders");
        builder.Property(o => o.Id).HasMaxLength(40);
        builder.Property(o => o.DossierCode).HasMaxLength(60);
        builder.Property(o => o.Charges).HasMaxLength(2000);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(o => o.GatewayTransaction).HasMaxLength(40);
        builder.Property(o => o.ResponseCode).HasMaxLength(4);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.Ignore(o => o.ChargeIds);
        builder.HasIndex(o => o.DossierId);
        builder.HasIndex(o => o.CreatedAt);
    }
}

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> builder)
    {
        builder.ToTable("ReconciliationRuns");
        builder.Property(r => r.Report).HasColumnType("text");
        builder.HasIndex(r => r.Day);
    }
}
