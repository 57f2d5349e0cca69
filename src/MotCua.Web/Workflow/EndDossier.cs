using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Workflow;

/// <summary>
/// Ending a dossier without the requested result: <c>POST .../decline</c> (refusal with reasons, by the head of the
/// handling unit; returned to the applicant like a result), <c>.../stop</c> (Circular 03/2025, form 05) and
/// <c>.../withdraw</c> at the citizen's request, recorded by the desk or the head of the handling unit while no
/// decision has been issued.
/// </summary>
internal static class EndDossier
{
    public sealed record Request(int? Version, string? Reason);

    public static Task<Results<Ok<WorkflowResponse>, RuleConflict>> Decline(string code, Request request, DossierSteps steps, WorkflowNotices notices,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        EndAsync(code, request, steps, notices, localizer, "dossier.declined", leaderOnly: true, (d, reason, at) => d.Decline(reason, at), cancellationToken);

    public static Task<Results<Ok<WorkflowResponse>, RuleConflict>> Stop(string code, Request request, DossierSteps steps, WorkflowNotices notices,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        EndAsync(code, request, steps, notices, localizer, "dossier.stopped", leaderOnly: false, (d, reason, at) => d.Stop(reason, at), cancellationToken);

    public static Task<Results<Ok<WorkflowResponse>, RuleConflict>> Withdraw(string code, Request request, DossierSteps steps, WorkflowNotices notices,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        EndAsync(code, request, steps, notices, localizer, "dossier.withdrawn", leaderOnly: false, (d, reason, at) => d.Withdraw(reason, at), cancellationToken);

    private static async Task<Results<Ok<WorkflowResponse>, RuleConflict>> EndAsync(string code, Request request, DossierSteps steps, WorkflowNotices notices,
        IStringLocalizer<SharedResource> localizer, string action, bool leaderOnly, Func<Dossier, string, DateTime, RuleBroken?> end, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("reason", request.Reason, 2000);
        errors.ThrowIfAny();
        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        var asLeader = steps.Actor.Covers(dossier.HandlingUnitPath, StaffRole.Leader);
        if (!asLeader && (leaderOnly || !steps.Actor.Covers(dossier.ReceivingUnitPath, StaffRole.DeskOfficer)))
        {
            throw ProblemException.Forbidden();
        }

        var before = dossier.State;
        if (end(dossier, request.Reason!.Trim(), steps.Now) is { } broken)
        {
            return steps.Refused(broken);
        }

        notices.Ended(dossier);
        var who = asLeader ? steps.Actor.ActingOn(dossier.HandlingUnitPath, StaffRole.Leader) : steps.Actor.ActingOn(dossier.ReceivingUnitPath, StaffRole.DeskOfficer);
        return TypedResults.Ok(await steps.SaveAsync(dossier, [], who, action, new { State = before.ToString() },
            new { State = dossier.State.ToString(), dossier.Reason, dossier.Outcome }, cancellationToken));
    }
}
