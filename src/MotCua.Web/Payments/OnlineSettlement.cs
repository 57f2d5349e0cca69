using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Payments;

internal enum SettlementOutcome
{
    Recorded,
    AlreadySettled,
    Failed,

    /// <summary>The gateway took the money but the dossier cannot take it (its charges were paid meanwhile, or it closed): the
    /// order is marked paid and the reconciliation lists it for a refund.</summary>
    PaidNotApplied,

    /// <summary>The dossier changed under the settlement (a desk action won the race on its version): nothing was recorded and
    /// the order is still pending, so the gateway is asked to send its notice again.</summary>
    Retry,
}

/// <summary>
/// Turns the gateway's word on an order into records, once: the IPN and the reconciliation's status query both come here.
/// The order's version and the unique gateway order of a payment make a second notice, a racing notice or a notice after the
/// reconciliation find the order settled: money is never recorded twice.
/// </summary>
internal sealed class OnlineSettlement(MotCuaDbContext db, PaymentBook book, AuditTrail audit, ILogger<OnlineSettlement> log)
{
    public static readonly Actor Gateway = new(null, "Cổng thanh toán", "System", null);

    public async Task<SettlementOutcome> SettleAsync(GatewayOrder order, bool paid, string responseCode, string? transactionNo, DateTime at,
        CancellationToken cancellationToken)
    {
        if (order.Status != GatewayOrderStatus.Pending && !(paid && order.Status == GatewayOrderStatus.Failed))
        {
            return SettlementOutcome.AlreadySettled;
        }

        var before = new { order.Status };
        order.Settle(paid, responseCode, transactionNo, at);
        try
        {
            if (!paid)
            {
                await audit.RecordAsync(Gateway, "payment.online-failed", nameof(GatewayOrder), order.Id, before, new { order.Status, order.ResponseCode },
                    cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return SettlementOutcome.Failed;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await audit.RecordAsync(Gateway, "payment.online-paid", nameof(GatewayOrder), order.Id, before,
                new { order.Status, order.GatewayTransaction, order.Amount }, cancellationToken);
            var dossier = await db.Dossiers.FirstAsync(d => d.Id == order.DossierId, cancellationToken);
            var ids = order.ChargeIds;
            var charges = await db.DossierCharges.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
            if (charges.Count != ids.Count || charges.Any(c => c.PaymentId != null) || charges.Sum(c => c.Due) != order.Amount)
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                log.LogWarning("Gateway order {Order} was paid but its charges were settled meanwhile; listed for a refund", order.Id);
                return SettlementOutcome.PaidNotApplied;
            }

            var (_, broken) = await book.SettleAsync(dossier, charges, PaymentMethod.Online, Gateway, at, null, order.Id, cancellationToken);
            if (broken is not null)
            {
                db.ChangeTracker.Clear();
                return SettlementOutcome.PaidNotApplied;
            }

            await transaction.CommitAsync(cancellationToken);
            return SettlementOutcome.Recorded;
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || DatabaseModule.IsUniqueViolation(exception))
        {
            // Either another notice (or the reconciliation) settled the same order first, or a desk action changed the dossier
            // meanwhile; in the second case the order is still pending and the money is not recorded yet.
            db.ChangeTracker.Clear();
            var settled = await db.GatewayOrders.AsNoTracking().AnyAsync(o => o.Id == order.Id && o.Status != GatewayOrderStatus.Pending, cancellationToken);
            return settled ? SettlementOutcome.AlreadySettled : SettlementOutcome.Retry;
        }
    }
}
