using Microsoft.AspNetCore.Http.HttpResults;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;

namespace MotCua.Web.Workflow;

/// <summary>
/// <c>POST /api/v1/dossiers/{code}/supplement-received</c>: the desk receives the missing documents; the clock
/// restarts from zero or resumes, per the rule fixed at the request, and the owner is told the new due date.
/// The dossier goes back to the step that asked.
/// </summary>
internal static class ReceiveSupplement
{
    public sealed record Request(int? Version);

    public static async Task<Results<Ok<WorkflowResponse>, RuleConflict>> Handle(string code, Request request, DossierSteps steps, WorkflowNotices notices,
        CancellationToken cancellationToken)
    {
        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        steps.RequireDesk(dossier);
        if (dossier.OpenSuspension is not { } open)
        {
            return steps.Refused(RuleBroken.IllegalTransition(dossier.State));
        }

        var time = await steps.ProcessingTimeAsync(dossier, cancellationToken);
        var calendar = await steps.CalendarAsync(dossier, cancellationToken);
        var now = steps.Now;
        var before = dossier.DueAt;
        var countStart = ProcessingClock.CountStart(calendar, dossier.ReceivedAt!.Value, dossier.Suspensions, time.Options);
        var due = ProcessingClock.DueAfterSupplement(calendar, open.Rule, countStart, open.From, dossier.DueAt!.Value, now, time.Time, time.Options);
        if (dossier.ResumeAfterSupplement(now, due) is { } broken)
        {
            return steps.Refused(broken);
        }

        notices.SupplementReceived(dossier);
        return TypedResults.Ok(await steps.SaveAsync(dossier, await steps.StepsAsync(dossier, cancellationToken),
            steps.Actor.ActingOn(dossier.ReceivingUnitPath, StaffRole.DeskOfficer), "dossier.supplement-received",
            new { DueAt = before }, new { DueAt = due, Rule = open.Rule.ToString() }, cancellationToken));
    }
}
