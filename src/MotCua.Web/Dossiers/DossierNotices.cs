using System.Globalization;
using Microsoft.Extensions.Localization;
using MotCua.Web.Calendar;
using MotCua.Web.Integration.Outbox;

namespace MotCua.Web.Dossiers;

/// <summary>Tells the owner, by SMS and email, what happened to the dossier. The dossier keeps the notices until the commit
/// step queues them in the same transaction as the change, so no notice is lost or sent for a change that did not happen.</summary>
internal sealed class DossierNotices(Outbox outbox, IStringLocalizer<SharedResource> localizer)
{
    public void Submitted(Dossier dossier) => Send(dossier, "Notice.Submitted", dossier.ProcedureName);

    public void Received(Dossier dossier) =>
        Send(dossier, "Notice.Received", dossier.Code!, dossier.ProcedureName, Time(dossier.DueAt!.Value), dossier.TrackingSecret);

    public void CompletionRequested(Dossier dossier) => Send(dossier, "Notice.CompletionRequested", dossier.ProcedureName, dossier.Reason ?? "");

    public void Refused(Dossier dossier) => Send(dossier, "Notice.Refused", dossier.ProcedureName, dossier.Reason ?? "");

    /// <summary>The notice <paramref name="key"/> to the owner: by SMS to their phone and by email to their address.</summary>
    public void Send(Dossier dossier, string key, params object[] arguments)
    {
        var text = localizer[key, arguments].Value;
        var subject = localizer["Notice.Subject"].Value;
        var topic = "Dossier:" + dossier.Id;
        if (dossier.Owner.Phone is { } phone)
        {
            dossier.Notify(outbox.Message(NotificationChannel.Sms, phone, subject, text, topic, key));
        }

        if (dossier.Owner.Email is { } email)
        {
            dossier.Notify(outbox.Message(NotificationChannel.Email, email, subject, text, topic, key));
        }
    }

    /// <summary>A moment as the notices write it, in Vietnamese time.</summary>
    public static string Time(DateTime utc) => VietnamTime.FromUtc(utc).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
}
