using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers;

/// <summary>
/// Form 02 or 03 at the counter: the officer does not receive the dossier but gives written guidance
/// to complete it, or refuses it with a reason. The dossier is kept, without a code, so the slip can be
/// printed and the figures count it as not received.
/// </summary>
internal sealed class DeclineDossier(CurrentActor actor, DossierDraft draft, DossierNotices notices, DossierCommit commit, TimeProvider clock,
    IStringLocalizer<SharedResource> localizer)
{
    public async Task<Dossier> DeclineAsync(ReceiveDossier.Request request, bool refuse, string? reason, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("reason", reason, 2000);
        errors.ThrowIfAny();
        var now = DossierTime.ToSecond(clock.GetUtcNow().UtcDateTime);
        var (dossier, _) = await draft.BuildAsync(request, [], now, DossierTime.VietnamDate(now), cancellationToken);
        if (refuse)
        {
            dossier.Refuse(reason!.Trim(), now).ThrowIfBroken();
            notices.Refused(dossier);
        }
        else
        {
            dossier.AskToComplete(reason!.Trim(), now).ThrowIfBroken();
            notices.CompletionRequested(dossier);
        }

        await commit.AddAsync(dossier, new DossierEvent(actor.ActingOn(dossier.ReceivingUnitPath, StaffRole.DeskOfficer),
            refuse ? "dossier.refused" : "dossier.guided", null, new { dossier.ProcedureCode, Channel = dossier.Channel.ToString(), dossier.Reason }),
            cancellationToken);
        return dossier;
    }
}
