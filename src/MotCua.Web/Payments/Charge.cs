using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Payments;

/// <summary>What a charge is: a fee (phí) or a state charge (lệ phí) of the fee schedule, for which the unit issues an
/// e-receipt, or another financial obligation (a tax, a land levy) behind national state 6, paid to the state budget.</summary>
internal enum ChargeKind
{
    Phi,
    LePhi,
    Obligation,
}

/// <summary>
/// One amount a dossier owes: a line of its procedure version's fee schedule, put on at intake or during processing, or an
/// obligation the handling office set. An exemption or reduction keeps the schedule's amount and its legal reason
/// (e.g. "Điều 5 Thông tư 85/2019/TT-BTC"), so the register shows what was waived and why. Settled by one payment.
/// </summary>
internal sealed class DossierCharge
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid DossierId { get; init; }
    public ChargeKind Kind { get; init; }
    public required string Name { get; init; }

    /// <summary>The schedule's amount, in đồng.</summary>
    public long ScheduledAmount { get; init; }

    /// <summary>What is waived (the whole amount for an exemption).</summary>
    public long Reduction { get; init; }

    public string? ReductionReason { get; init; }
    public DateTime AddedAt { get; init; }
    public required string AddedBy { get; init; }
    public Guid? PaymentId { get; private set; }

    public long Due => ScheduledAmount - Reduction;

    public void SettledBy(Guid payment) => PaymentId = payment;
}

internal sealed class DossierChargeConfiguration : IEntityTypeConfiguration<DossierCharge>
{
    public void Configure(EntityTypeBuilder<DossierCharge> builder)
    {
        builder.ToTable("DossierCharges");
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Name).HasMaxLength(1000);
        builder.Property(c => c.ReductionReason).HasMaxLength(500);
        builder.Property(c => c.AddedBy).HasMaxLength(200);
        builder.Ignore(c => c.Due);
        builder.HasIndex(c => c.DossierId);
    }
}
