using Microsoft.AspNetCore.Http.HttpResults;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Workflow;

/// <summary>
/// <c>POST /api/v1/dossiers/{code}/assign</c>: a leader over the current step's office assigns or reassigns it to an
/// officer holding the step's role there; an officer of the office may take an unassigned dossier from the queue.
/// </summary>
internal static class AssignDossier
{
    public sealed record Request(int? Version, string? AssigneeUserName);

    public static async Task<Results<Ok<WorkflowResponse>, RuleConflict>> Handle(string code, Request request, DossierSteps steps, CancellationToken cancellationToken)
    {
        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        var process = await steps.StepsAsync(dossier, cancellationToken);
        var current = steps.Current(dossier, process);
        var actor = steps.Actor;
        var leader = actor.Covers(current.OfficePath, StaffRole.Leader);
        var assignee = await steps.StaffOfAsync(request.AssigneeUserName?.Trim(), current.Role, current.OfficePath, cancellationToken);
        var takesFromQueue = dossier.AssigneeId is null && assignee == actor.UserId;
        if (!leader && !takesFromQueue)
        {
            throw ProblemException.Forbidden();
        }

        var before = dossier.AssigneeId;
        var who = actor.ActingOn(current.OfficePath, leader ? [StaffRole.Leader] : [current.Role]);
        if (dossier.Assign(assignee, steps.Now, who.Id, who.Name) is { } broken)
        {
            return steps.Refused(broken);
        }

        return TypedResults.Ok(await steps.SaveAsync(dossier, process, who, "dossier.assigned", new { Assignee = before },
            new { Step = current.Order, Assignee = assignee }, cancellationToken));
    }
}
