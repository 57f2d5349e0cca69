using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Dossiers;

/// <summary>
/// The financial obligation during processing (national state 6, "chờ thực hiện nghĩa vụ tài chính"): the office
/// tells the applicant what to pay (a fee, a charge, a tax), the applicant pays, and processing goes on at the same
/// step. Only the latest obligation is kept on the dossier; the history keeps every one.
/// </summary>
internal sealed partial class Dossier
{
    /// <summary>Amount to pay, in đồng.</summary>
    public long? PaymentAmount { get; private set; }

    /// <summary>What the obligation is (e.g. "Lệ phí trước bạ nhà, đất"), as the notice to the applicant says.</summary>
    public string? PaymentFor { get; private set; }

    public DateTime? PaymentRequestedAt { get; private set; }
    public DateTime? PaidAt { get; private set; }

    /// <summary>The number of the receipt (biên lai, e-receipt) or of the state budget payment document.</summary>
    public string? PaymentReceipt { get; private set; }

    /// <summary>
    /// The holder of the current step asks the applicant to fulfil a financial obligation. When the procedure excludes
    /// that wait from its processing time (<paramref name="stopsClock"/>), the clock stops as for a supplement.
    /// </summary>
    public RuleBroken? RequestPayment(long amount, string purpose, DateTime at, bool stopsClock)
    {
        if ((Require(DossierState.Processing) ?? NoPendingTransfer()) is { } broken)
        {
            return broken;
        }

        // As for a supplement, a stop cannot cure lateness that has already occurred: past the due date the clock runs on.
        if (stopsClock && at < OriginalDueAt)
        {
            Suspensions.Add(new DossierSuspension { From = at, Reason = purpose, Rule = SupplementRule.Pause, ForPayment = true });
        }

        PaymentAmount = amount;
        PaymentFor = purpose;
        PaymentRequestedAt = at;
        PaidAt = null;
        PaymentReceipt = null;
        State = DossierState.AwaitingPayment;
        Version++;
        return null;
    }

    /// <summary>
    /// The payment is confirmed at <paramref name="at"/>. If the clock was stopped, <paramref name="shift"/> gives each
    /// due moment once the time left when it stopped counts on from now (the legal due and the apology's date alike).
    /// </summary>
    public RuleBroken? ConfirmPayment(string receipt, DateTime at, Func<DateTime, DateTime> shift)
    {
        ArgumentNullException.ThrowIfNull(shift);
        if (Require(DossierState.AwaitingPayment) is { } broken)
        {
            return broken;
        }

        if (OpenSuspension is { } open)
        {
            if (at < open.From)
            {
                return new RuleBroken("bad-time", "Workflow.BadTime");
            }

            open.To = at;
            OriginalDueAt = shift(OriginalDueAt!.Value);
            DueAt = shift(DueAt!.Value);
        }

        PaidAt = at;
        PaymentReceipt = receipt;
        State = DossierState.Processing;
        Version++;
        return null;
    }
}

internal sealed class DossierPaymentConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> builder)
    {
        builder.Property(d => d.PaymentFor).HasMaxLength(1000);
        builder.Property(d => d.PaymentReceipt).HasMaxLength(60);
    }
}
