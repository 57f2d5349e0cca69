using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Integration.Notices;
using MotCua.Web.Integration.Outbox;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Integration.NationalPortal;

/// <summary>
/// <c>POST /api/v1/national-portal/messages/{id}/resend</c>: an administrator puts a dead portal message back in the queue with a
/// fresh round of attempts, once the cause is fixed (the portal is back, the procedure's code is mapped). The later messages of
/// the same dossier, which waited behind it, follow it in order. Recorded in history with the failure it had; only a dead letter
/// can be re-sent (409 otherwise).
/// </summary>
internal static class ResendPortalMessage
{
    public sealed record PortalResendResponse(long Id, DeliveryStatus Status, DateTime NextAttemptAt);

    public static async Task<Ok<PortalResendResponse>> Handle(long id, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id && m.Channel == NotificationChannel.Portal, cancellationToken)
            ?? throw ProblemException.NotFound();
        if (ListDeliveries.StatusOf(message) != DeliveryStatus.Dead)
        {
            throw ProblemException.Conflict("portal-message-not-dead", "NationalPortal.NotDead");
        }

        if (message.PersonalDataErased)
        {
            throw ProblemException.Conflict("message-erased", "Outbox.Erased");
        }

        var before = new { message.Attempts, message.GaveUpAt, message.LastError };
        message.GaveUpAt = null;
        message.Attempts = 0;
        message.NextAttemptAt = clock.GetUtcNow().UtcDateTime;
        await audit.RecordAsync(actor.Self, "portal.resent", "OutboxMessage", id.ToString(CultureInfo.InvariantCulture), before,
            new { message.Subject, message.NextAttemptAt }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new PortalResendResponse(id, ListDeliveries.StatusOf(message), message.NextAttemptAt));
    }
}
