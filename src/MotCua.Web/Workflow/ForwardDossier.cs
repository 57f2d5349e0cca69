using Microsoft.AspNetCore.Http.HttpResults;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Signatures;

namespace MotCua.Web.Workflow;

/// <summary>
/// <c>POST /api/v1/dossiers/{code}/forward</c>: the holder of the current step hands the dossier to the next step
/// (optionally to a named officer there); from the last step (the leader's approval) it goes back to the desk
/// with its result, which makes it processed (state 9); the leader's approval signs the PDF results with the unit's certificate. A next step done by another agency (một cửa liên
/// thông) is a transfer that stays pending until that agency accepts or rejects it.
/// </summary>
internal static class ForwardDossier
{
    public sealed record Request(int? Version, string? AssigneeUserName, string? Note);

    public static async Task<Results<Ok<WorkflowResponse>, RuleConflict>> Handle(string code, Request request, DossierSteps steps, UnitSignatures signing,
        CancellationToken cancellationToken)
    {
        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        var process = await steps.StepsAsync(dossier, cancellationToken);
        var current = steps.Current(dossier, process);
        steps.RequireHolder(dossier, current);
        var next = process.FirstOrDefault(s => s.Order > current.Order);
        var assignee = next is not null && !string.IsNullOrWhiteSpace(request.AssigneeUserName)
            ? await steps.StaffOfAsync(request.AssigneeUserName.Trim(), next.Role, next.OfficePath, cancellationToken)
            : (Guid?)null;
        var calendar = await steps.CalendarAsync(dossier, cancellationToken);
        var now = steps.Now;
        var who = steps.Actor.ActingOn(current.OfficePath, current.Role);
        var timeliness = DossierSteps.StepTimeliness(dossier, now);
        var kind = next is null ? HandoffKind.ToDesk : next.InterAgency ? HandoffKind.Transfer : HandoffKind.Forward;
        if (dossier.HandOff(kind, next?.Order, next is null ? null : DossierSteps.StepDue(calendar, next, now),
            assignee, now, who.Id, who.Name, timeliness, request.Note, next?.OfficePath) is { } broken)
        {
            return steps.Refused(broken);
        }

        var signed = kind == HandoffKind.ToDesk && current.Role == StaffRole.Leader ? await signing.SignResultsAsync(dossier, who, now, cancellationToken) : null;
        try
        {
            return TypedResults.Ok(await steps.SaveAsync(dossier, process, who, kind switch
            {
                HandoffKind.ToDesk => "dossier.processed",
                HandoffKind.Transfer => "dossier.transferred",
                _ => "dossier.forwarded",
            },
                new { Step = current.Order }, new { Step = next?.Order, Assignee = assignee, Timeliness = timeliness?.ToString(), request.Note, Signed = signed?.Signed },
                cancellationToken));
        }
        catch when (signed is not null)
        {
            signing.Discard(signed.WrittenPaths);
            throw;
        }
    }
}
