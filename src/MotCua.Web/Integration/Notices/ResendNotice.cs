using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Integration.Notices;

/// <summary>
/// <c>POST /api/v1/notices/{id}/resend</c>: an administrator puts a dead letter back in the queue, with a fresh round of
/// attempts, once the outside system works again. Recorded in history with the failure it had. Only a dead letter can be
/// re-sent (409 otherwise): a delivered notice is not sent twice from here.
/// </summary>
internal static class ResendNotice
{
    public sealed record Response(long Id, DeliveryStatus Status, DateTime NextAttemptAt);

    public static async Task<Ok<Response>> Handle(long id, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id && m.Channel != Outbox.NotificationChannel.Portal, cancellationToken) ?? throw ProblemException.NotFound();
        if (ListDeliveries.StatusOf(message) != DeliveryStatus.Dead)
        {
            throw ProblemException.Conflict("notice-not-dead", "Notices.NotDead");
        }

        if (message.PersonalDataErased)
        {
            throw ProblemException.Conflict("message-erased", "Outbox.Erased");
        }

        var before = new { message.Attempts, message.GaveUpAt, message.LastError };
        message.GaveUpAt = null;
        message.Attempts = 0;
        message.NextAttemptAt = clock.GetUtcNow().UtcDateTime;
        await audit.RecordAsync(actor.Self, "notice.resent", "OutboxMessage", id.ToString(System.Globalization.CultureInfo.InvariantCulture), before,
            new { message.NextAttemptAt }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new Response(id, ListDeliveries.StatusOf(message), message.NextAttemptAt));
    }
}
