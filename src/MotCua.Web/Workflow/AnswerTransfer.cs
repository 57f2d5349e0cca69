using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Workflow;

/// <summary>
/// Một cửa liên thông: the agency a dossier was transferred to answers. <c>POST .../transfer/accept</c> takes it
/// into its step; <c>POST .../transfer/reject</c> sends it back to the step that transferred it, with the reason.
/// </summary>
internal static class AnswerTransfer
{
    public sealed record Request(int? Version, string? Reason);

    public static async Task<Results<Ok<WorkflowResponse>, RuleConflict>> Accept(string code, Request request, DossierSteps steps, CancellationToken cancellationToken)
    {
        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        var process = await steps.StepsAsync(dossier, cancellationToken);
        var current = steps.Current(dossier, process);
        steps.RequireHolder(dossier, current);
        var now = steps.Now;
        var who = steps.Actor.ActingOn(current.OfficePath, current.Role);
        var sentAt = dossier.TransferSentAt;
        if (dossier.HandOff(HandoffKind.TransferAccepted, current.Order, dossier.StepDueAt, dossier.AssigneeId, now, who.Id, who.Name, null, request.Reason,
            current.OfficePath) is { } broken)
        {
            return steps.Refused(broken);
        }

        return TypedResults.Ok(await steps.SaveAsync(dossier, process, who, "dossier.transfer-accepted", new { SentAt = sentAt },
            new { Step = current.Order, Agency = UnitPath.Code(current.OfficePath) }, cancellationToken));
    }

    public static async Task<Results<Ok<WorkflowResponse>, RuleConflict>> Reject(string code, Request request, DossierSteps steps, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("reason", request.Reason, 2000);
        errors.ThrowIfAny();
        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        var process = await steps.StepsAsync(dossier, cancellationToken);
        var current = steps.Current(dossier, process);
        steps.RequireHolder(dossier, current);
        var sender = dossier.Handoffs.LastOrDefault(h => h.Kind == HandoffKind.Transfer && h.ToStep == current.Order);
        if (process.FirstOrDefault(s => s.Order == sender?.FromStep) is not { } back)
        {
            return steps.Refused(RuleBroken.IllegalTransition(dossier.State));
        }

        var calendar = await steps.CalendarAsync(dossier, cancellationToken);
        var now = steps.Now;
        var who = steps.Actor.ActingOn(current.OfficePath, current.Role);
        if (dossier.HandOff(HandoffKind.TransferRejected, back.Order, DossierSteps.StepDue(calendar, back, now), sender!.FromUserId, now, who.Id, who.Name,
            null, request.Reason!.Trim(), back.OfficePath) is { } broken)
        {
            return steps.Refused(broken);
        }

        return TypedResults.Ok(await steps.SaveAsync(dossier, process, who, "dossier.transfer-rejected", new { Step = current.Order },
            new { Step = back.Order, Reason = request.Reason.Trim() }, cancellationToken));
    }
}
