using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Payments;

/// <summary>How the money came: at the counter (cash, card, bank transfer), online through the payment gateway, or
/// to the state budget (tax office, treasury) with its payment document number typed in.</summary>
internal enum PaymentMethod
{
    Cash,
    Card,
    Transfer,
    Online,
    StateBudget,
}

/// <summary>
/// Money received for a dossier; every one is kept (the control slip and the fee reports list them all). The unit, procedure
/// and channel are copied from the dossier for the reports. An online payment names its gateway order, unique: the same
/// order's money is never recorded twice, whatever the gateway sends.
/// </summary>
internal sealed class Payment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid DossierId { get; init; }
    public required string DossierCode { get; init; }
    public int UnitId { get; init; }
    public required string UnitPath { get; init; }
    public required string ProcedureCode { get; init; }
    public required string ProcedureName { get; init; }
    public PaymentMethod Method { get; init; }
    public long Amount { get; init; }
    public DateTime PaidAt { get; init; }
    public required string RecordedBy { get; init; }

    /// <summary>The state budget payment document, for <see cref="PaymentMethod.StateBudget"/>.</summary>
    public string? Document { get; init; }

    public string? GatewayOrderId { get; init; }
    public long Refunded { get; private set; }

    public void AddRefund(long amount) => Refunded += amount;
}

/// <summary>Money given back, with why and who; for an online payment, the gateway's refund transaction.</summary>
internal sealed class Refund
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PaymentId { get; init; }
    public long Amount { get; init; }
    public required string Reason { get; init; }
    public DateTime At { get; init; }
    public required string By { get; init; }
    public string? GatewayTransaction { get; init; }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("Payments");
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.DossierCode).HasMaxLength(60);
        builder.Property(p => p.UnitPath).HasMaxLength(400);
        builder.Property(p => p.ProcedureCode).HasMaxLength(60);
        builder.Property(p => p.ProcedureName).HasMaxLength(500);
        builder.Property(p => p.RecordedBy).HasMaxLength(200);
        builder.Property(p => p.Document).HasMaxLength(60);
        builder.Property(p => p.GatewayOrderId).HasMaxLength(40);
        builder.Property(p => p.Refunded).IsConcurrencyToken();
        builder.HasIndex(p => p.DossierId);
        builder.HasIndex(p => new { p.UnitPath, p.PaidAt });
        builder.HasIndex(p => p.GatewayOrderId).IsUnique();
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("Refunds");
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.By).HasMaxLength(200);
        builder.Property(r => r.GatewayTransaction).HasMaxLength(40);
        builder.HasIndex(r => r.PaymentId);
    }
}
