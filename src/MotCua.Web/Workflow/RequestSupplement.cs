using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Workflow;

/// <summary>
/// <c>POST /api/v1/dossiers/{code}/supplement-request</c>: the holder of the current step asks the applicant to
/// supplement the dossier (form 02): the clock stops and the owner is told. The rule (restart or pause) of the procedure
/// version the dossier was received under is fixed on the stop now.
/// </summary>
internal static class RequestSupplement
{
    public sealed record Request(int? Version, string? Reason);

    public static async Task<Results<Ok<WorkflowResponse>, RuleConflict>> Handle(string code, Request request, DossierSteps steps, WorkflowNotices notices,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("reason", request.Reason, 2000);
        errors.ThrowIfAny();
        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        var process = await steps.StepsAsync(dossier, cancellationToken);
        var current = steps.Current(dossier, process);
        steps.RequireHolder(dossier, current);
        var now = steps.Now;
        var (rule, _) = await steps.ClockRulesAsync(dossier, cancellationToken);
        if (dossier.RequestSupplement(request.Reason!.Trim(), now, rule) is { } broken)
        {
            return steps.Refused(broken);
        }

        notices.SupplementRequested(dossier);
        return TypedResults.Ok(await steps.SaveAsync(dossier, process, steps.Actor.ActingOn(current.OfficePath, current.Role), "dossier.supplement-requested",
            null, new { dossier.Reason, Rule = rule.ToString(), Step = current.Order }, cancellationToken));
    }
}
