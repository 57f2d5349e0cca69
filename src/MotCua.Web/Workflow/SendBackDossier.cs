using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Workflow;

/// <summary><c>POST /api/v1/dossiers/{code}/send-back</c>: the holder of the current step returns the dossier to an earlier step, with a reason.</summary>
internal static class SendBackDossier
{
    public sealed record Request(int? Version, int? ToStep, string? Reason);

    public static async Task<Results<Ok<WorkflowResponse>, RuleConflict>> Handle(string code, Request request, DossierSteps steps, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("reason", request.Reason, 2000);
        errors.ThrowIfAny();
        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        var process = await steps.StepsAsync(dossier, cancellationToken);
        var current = steps.Current(dossier, process);
        steps.RequireHolder(dossier, current);
        var target = process.FirstOrDefault(s => s.Order == request.ToStep && s.Order < current.Order);
        if (target is null)
        {
            errors.Add("toStep", "Workflow.NotAnEarlierStep").ThrowIfAny();
        }

        var calendar = await steps.CalendarAsync(dossier, cancellationToken);
        var now = steps.Now;
        var who = steps.Actor.ActingOn(current.OfficePath, current.Role);
        var timeliness = DossierSteps.StepTimeliness(dossier, now);

        // Back to whoever held the earlier step last, so the remark reaches the officer who wrote the draft.
        var previousHolder = dossier.Handoffs.LastOrDefault(h => h.ToStep == target!.Order)?.ToUserId;
        if (dossier.HandOff(HandoffKind.SendBack, target!.Order, DossierSteps.StepDue(calendar, target, now), previousHolder, now, who.Id, who.Name,
            timeliness, request.Reason!.Trim(), target.OfficePath) is { } broken)
        {
            return steps.Refused(broken);
        }

        return TypedResults.Ok(await steps.SaveAsync(dossier, process, who, "dossier.sent-back", new { Step = current.Order },
            new { Step = target.Order, Reason = request.Reason.Trim() }, cancellationToken));
    }
}
