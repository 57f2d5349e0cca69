using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Integration.Notices;
using MotCua.Web.Integration.Outbox;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Feedback;

/// <summary>
/// <c>POST /api/v1/petitions/{reference}/answer</c>: the assigned officer (or the unit's leader) answers. The answer goes to
/// the sender; when the sender agreed, the public text is published on the portal with the agency and the date, and it
/// must carry no personal data (the sender's name, phone, email, or any phone, ID or email-like string): 400 otherwise.
/// </summary>
internal static partial class AnswerPetition
{
    public sealed record Request(int? Version, string? Answer, string? PublicAnswer);

    public static async Task<Ok<PetitionView>> Handle(string reference, Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, Outbox outbox,
        TimeProvider clock, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var petition = await PetitionAccess.LoadAsync(db, actor, reference, request.Version, cancellationToken);
        if (petition.AssigneeId != actor.UserId && !actor.Covers(petition.UnitPath, StaffRole.Leader))
        {
            throw ProblemException.Forbidden();
        }

        var errors = new FieldErrors(localizer);
        errors.Required("answer", request.Answer, 4000);
        errors.MaxLength("publicAnswer", request.PublicAnswer, 4000);
        if (petition.AgreesToPublish && string.IsNullOrWhiteSpace(request.PublicAnswer))
        {
            errors.Add("publicAnswer", "Petitions.PublicAnswerRequired");
        }
        else if (request.PublicAnswer is { } published && CarriesPersonalData(petition, published))
        {
            errors.Add("publicAnswer", "Petitions.PersonalData");
        }

        errors.ThrowIfAny();
        var now = clock.GetUtcNow().UtcDateTime;
        if (!petition.Reply(request.Answer!.Trim(), request.PublicAnswer?.Trim(), now))
        {
            throw ProblemException.IllegalState(petition.State);
        }

        var text = localizer["Notice.PetitionAnswered", petition.Reference, petition.Answer!].Value;
        var subject = localizer["Notice.PetitionSubject"].Value;
        List<OutboxMessage> notices = [];
        if (petition.SenderPhone is { } phone)
        {
            notices.Add(outbox.Message(NotificationChannel.Sms, phone, subject, text, "Petition:" + petition.Id, "Notice.PetitionAnswered"));
        }

        if (petition.SenderEmail is { } email)
        {
            notices.Add(outbox.Message(NotificationChannel.Email, email, subject, text, "Petition:" + petition.Id, "Notice.PetitionAnswered"));
        }

        db.AddRange(await NoticeChoice.KeepWantedAsync(db, petition.CitizenAccountId, notices, cancellationToken));
        await audit.RecordAsync(actor.ActingOn(petition.UnitPath), "petition.answered", nameof(Petition), petition.Id.ToString(), null,
            new { petition.AnsweredAt, OnTime = petition.AnsweredOnTime, Published = petition.PublishedAt is not null }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var unitCode = await db.Units.Where(u => u.Id == petition.UnitId).Select(u => u.Code).FirstAsync(cancellationToken);
        return TypedResults.Ok(PetitionView.Of(petition, unitCode, now));
    }

    /// <summary>The sender's own particulars, or anything shaped like a phone or ID number (9 digits or more) or an email address.</summary>
    public static bool CarriesPersonalData(Petition petition, string text)
    {
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        bool Has(string? value) => value is { Length: > 0 } && text.Contains(value, StringComparison.OrdinalIgnoreCase);
        var phoneDigits = new string((petition.SenderPhone ?? "").Where(char.IsAsciiDigit).ToArray());
        return Has(petition.SenderName) || Has(petition.SenderEmail) || Has(petition.SenderAddress)
            || (phoneDigits.Length >= 6 && digits.Contains(phoneDigits, StringComparison.Ordinal))
            || LongNumber().IsMatch(text) || EmailLike().IsMatch(text);
    }

    [GeneratedRegex(@"(?:\d[ .\-]?){8,}\d")]
    private static partial Regex LongNumber();

    [GeneratedRegex(@"[^\s@]+@[^\s@]+\.[^\s@]+")]
    private static partial Regex EmailLike();
}
