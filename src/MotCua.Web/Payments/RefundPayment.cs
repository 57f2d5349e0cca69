using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Payments;

/// <summary>
/// <c>POST /api/v1/payments/{id}/refunds</c>: the desk of the collecting unit gives money back (a dossier refused after paying, a
/// payment made twice), with the reason. An online payment is refunded through the gateway first: if the gateway is down or
/// refuses, nothing is recorded and the officer is told so in Vietnamese.
/// </summary>
internal static class RefundPayment
{
    public sealed record Request(long? Amount, string? Reason);

    public sealed record Response(Guid Id, Guid PaymentId, long Amount, long Refunded, string? GatewayTransaction);

    public static async Task<Ok<Response>> Handle(Guid id, Request request, MotCuaDbContext db, CurrentActor actor, GatewayClient gateway, AuditTrail audit,
        TimeProvider clock, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("reason", request.Reason, 500);
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (payment is null || !actor.Covers(payment.UnitPath, StaffRole.DeskOfficer))
        {
            throw ProblemException.NotFound();
        }

        if (request.Amount is not { } amount || amount <= 0 || amount > payment.Amount - payment.Refunded)
        {
            errors.Add("amount", "Payments.BadRefund");
        }

        errors.ThrowIfAny();
        var who = actor.ActingOn(payment.UnitPath, StaffRole.DeskOfficer);
        string? transaction = null;
        if (payment.Method == PaymentMethod.Online)
        {
            var order = await db.GatewayOrders.AsNoTracking().FirstAsync(o => o.Id == payment.GatewayOrderId, cancellationToken);
            try
            {
                transaction = await gateway.RefundAsync(order, request.Amount!.Value, who.Name, cancellationToken);
            }
            catch (GatewayUnavailableException)
            {
                throw new ProblemException(503, "gateway-unavailable", "Payments.GatewayUnavailable");
            }
        }

        var refund = new Refund
        {
            PaymentId = payment.Id,
            Amount = request.Amount!.Value,
            Reason = request.Reason!.Trim(),
            At = DossierTime.ToSecond(clock.GetUtcNow().UtcDateTime),
            By = who.Name,
            GatewayTransaction = transaction,
        };
        var before = new { payment.Refunded };
        payment.AddRefund(refund.Amount);
        db.Refunds.Add(refund);
        await audit.RecordAsync(who, "payment.refunded", nameof(Payment), payment.Id.ToString(), before,
            new { payment.Refunded, refund.Amount, refund.Reason, refund.GatewayTransaction }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new Response(refund.Id, payment.Id, refund.Amount, payment.Refunded, transaction));
    }
}
