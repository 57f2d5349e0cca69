using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Workflow;

namespace MotCua.Web.Payments;

/// <summary>
/// Records money received for a dossier, whoever brings it (the desk, the gateway's notice, the reconciliation): one payment
/// row settling the charges, an e-receipt for the fees and charges among them, and the dossier's step through
/// <see cref="DossierCommit"/>. When the payment clears what a financial-obligation wait (national state 6) asked for, the
/// dossier goes back to processing and a stopped clock runs on. All of it commits in one transaction, or none of it.
/// </summary>
internal sealed class PaymentBook(MotCuaDbContext db, DossierCommit commit, DossierSteps steps, WorkflowNotices notices, ReceiptIssuer receipts)
{
    public sealed record Settled(Payment Payment, EReceipt? Receipt, Dossier Dossier);

    /// <summary>What is still owed; an exempt line (nothing due) is never paid.</summary>
    public Task<List<DossierCharge>> OutstandingAsync(Guid dossierId, CancellationToken cancellationToken) =>
        db.DossierCharges.Where(c => c.DossierId == dossierId && c.PaymentId == null && c.ScheduledAmount > c.Reduction).OrderBy(c => c.AddedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);

    public async Task<(Settled? Settled, RuleBroken? Broken)> SettleAsync(Dossier dossier, IReadOnlyList<DossierCharge> charges, PaymentMethod method,
        Actor who, DateTime at, string? document, string? orderId, CancellationToken cancellationToken)
    {
        if (charges.Count == 0 || charges.Any(c => c.PaymentId is not null))
        {
            return (null, new RuleBroken("nothing-to-pay", "Payments.NothingToPay"));
        }

        var payment = new Payment
        {
            DossierId = dossier.Id,
            DossierCode = dossier.Code!,
            UnitId = dossier.ReceivingUnitId,
            UnitPath = dossier.ReceivingUnitPath,
            ProcedureCode = dossier.ProcedureCode,
            ProcedureName = dossier.ProcedureName,
            Method = method,
            Amount = charges.Sum(c => c.Due),
            PaidAt = at,
            RecordedBy = who.Name,
            Document = document,
            GatewayOrderId = orderId,
        };
        foreach (var charge in charges)
        {
            charge.SettledBy(payment.Id);
        }

        var before = new { dossier.State, dossier.DueAt };
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            // Exempt lines (nothing due) and obligations paid to the state budget get no fee receipt.
            var fees = charges.Where(c => c.Kind != ChargeKind.Obligation && c.Due > 0).ToList();
            var leftAfter = await db.DossierCharges.CountAsync(c => c.DossierId == dossier.Id && c.PaymentId == null && c.ScheduledAmount > c.Reduction, cancellationToken) - charges.Count;
            var endsWait = dossier.State == DossierState.AwaitingPayment && leftAfter == 0;
            var shift = endsWait ? await FinancialObligation.ResumeAsync(dossier, steps, at, cancellationToken) : null;
            db.Payments.Add(payment);
            // The receipt number is the last thing taken: the counter row stays locked until the commit.
            var receipt = fees.Count > 0 ? await receipts.IssueAsync(dossier, payment, fees, at, cancellationToken) : null;
            var proof = receipt is not null ? receipt.Series + " " + receipt.Printed : document ?? orderId ?? payment.Id.ToString();
            var broken = endsWait ? dossier.ConfirmPayment(proof, at, shift!) : dossier.RecordPayment();
            if (broken is not null)
            {
                db.ChangeTracker.Clear();
                if (ownTransaction is not null)
                {
                    await ownTransaction.RollbackAsync(cancellationToken);
                }

                return (null, broken);
            }

            if (endsWait)
            {
                notices.PaymentConfirmed(dossier);
            }

            await commit.SaveAsync(dossier, new DossierEvent(who, endsWait ? "dossier.payment-confirmed" : "dossier.payment-received", before, new
            {
                dossier.State,
                dossier.DueAt,
                Payment = payment.Id,
                payment.Method,
                payment.Amount,
                Receipt = receipt is null ? null : $"{receipt.Template} {receipt.Series} {receipt.Printed}",
                payment.Document,
                payment.GatewayOrderId,
            }), cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return (new Settled(payment, receipt, dossier), null);
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }
}
