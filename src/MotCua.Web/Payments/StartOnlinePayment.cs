using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Payments;

/// <summary>
/// <c>POST /api/v1/my-dossiers/{id}/online-payment</c>: the owner, signed in, pays what the dossier owes online. An order is kept
/// with the charges it pays and the citizen is sent to the gateway with a signed request; nothing about the dossier changes
/// until the gateway's server-to-server notice (or the reconciliation) says the money arrived.
/// </summary>
internal static class StartOnlinePayment
{
    public sealed record Started(string OrderId, long Amount, string RedirectUrl);

    public static async Task<Results<Ok<Started>, RuleConflict>> Handle(Guid id, HttpContext http, MotCuaDbContext db, CurrentActor actor, PaymentBook book,
        GatewayClient gateway, IOptions<PaymentOptions> options, AuditTrail audit, TimeProvider clock, RuleProblems problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var dossier = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (dossier is null || actor.UserId is not { } me || dossier.CitizenAccountId != me)
        {
            throw ProblemException.NotFound("Dossiers.NotFound");
        }

        if (!options.Value.Gateway.Enabled)
        {
            throw new ProblemException(503, "gateway-off", "Payments.GatewayOff");
        }

        var owed = await book.OutstandingAsync(dossier.Id, cancellationToken);
        if (owed.Count == 0 || dossier.State is not (DossierState.Received or DossierState.Processing or DossierState.AwaitingSupplement
            or DossierState.AwaitingPayment or DossierState.Processed))
        {
            return problems.Conflict(new RuleBroken("nothing-to-pay", "Payments.NothingToPay"));
        }

        var order = new GatewayOrder
        {
            Id = Guid.CreateVersion7().ToString("N"),
            DossierId = dossier.Id,
            DossierCode = dossier.Code!,
            Amount = owed.Sum(c => c.Due),
            Charges = string.Join(',', owed.Select(c => c.Id)),
            CreatedAt = DossierTime.ToSecond(clock.GetUtcNow().UtcDateTime),
        };
        db.GatewayOrders.Add(order);
        await audit.RecordAsync(actor.Self, "payment.online-started", nameof(GatewayOrder), order.Id, null, new { order.DossierCode, order.Amount },
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var returnUrl = $"{http.Request.Scheme}://{http.Request.Host}/thanh-toan/ket-qua";
        return TypedResults.Ok(new Started(order.Id, order.Amount, gateway.PaymentUrl(order, returnUrl, http.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1")));
    }
}
