using Microsoft.Extensions.Localization;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;
using MotCua.Web.Integration.Notices;
using MotCua.Web.Integration.Outbox;

namespace MotCua.Web.Workflow;

/// <summary>Where an officer can be reached.</summary>
internal sealed record StaffContact(string? Email, string? Phone);

/// <summary>Tells the owner by SMS and email what processing did; queued in the same transaction as the change.</summary>
internal sealed class WorkflowNotices(Outbox outbox, DossierNotices owner, IStringLocalizer<SharedResource> localizer, NoticeOptions links)
{
    public void SupplementRequested(Dossier dossier) => owner.Send(dossier, "Notice.SupplementRequested", dossier.Code!, dossier.Reason ?? "");

    public void SupplementReceived(Dossier dossier) =>
        owner.Send(dossier, "Notice.SupplementReceived", dossier.Code!, DossierNotices.Time(dossier.DueAt!.Value));

    public void PaymentRequested(Dossier dossier) => owner.Send(dossier,
        dossier.OpenSuspension is null ? "Notice.PaymentRequested" : "Notice.PaymentRequestedClockStopped", dossier.Code!, dossier.PaymentFor ?? "",
        CatalogText.Money(dossier.PaymentAmount!.Value));

    public void PaymentConfirmed(Dossier dossier) =>
        owner.Send(dossier, "Notice.PaymentConfirmed", dossier.Code!, dossier.PaymentReceipt ?? "", DossierNotices.Time(dossier.DueAt!.Value));

    public void Extended(Dossier dossier) =>
        owner.Send(dossier, "Notice.Extended", dossier.Code!, dossier.ExtensionReason ?? "", DossierNotices.Time(dossier.DueAt!.Value));

    /// <summary>The result was handed back; the notice links to the rating page, where the check value on the slip is typed
    /// (it never travels in a link).</summary>
    public void Returned(Dossier dossier) =>
        owner.Send(dossier, "Notice.Returned", dossier.Code!, links.Link($"/danh-gia?ma={Uri.EscapeDataString(dossier.Code!)}&qua=thong-bao"));

    public void Ended(Dossier dossier) =>
        owner.Send(dossier, "Notice.Ended", dossier.Code!, localizer["DossierState." + dossier.State].Value, dossier.Reason ?? "");

    /// <summary>A notice to officers about a dossier: by email, or by SMS to those without an address.</summary>
    public void ToStaff(IEnumerable<StaffContact> recipients, Guid dossierId, string key, params object[] arguments)
    {
        var text = localizer[key, arguments].Value;
        var subject = localizer["Notice.StaffSubject"].Value;
        foreach (var recipient in recipients)
        {
            if (recipient.Email is { Length: > 0 } email)
            {
                outbox.Enqueue(NotificationChannel.Email, email, subject, text, "Dossier:" + dossierId, key);
            }
            else if (recipient.Phone is { Length: > 0 } phone)
            {
                outbox.Enqueue(NotificationChannel.Sms, phone, subject, text, "Dossier:" + dossierId, key);
            }
        }
    }
}
