using Microsoft.AspNetCore.Http.HttpResults;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Units;

namespace MotCua.Web.Workflow;

/// <summary><c>POST /api/v1/dossiers/{code}/start</c>: the desk hands a received dossier to the first step of its internal process.</summary>
internal static class StartProcessing
{
    public sealed record Request(int? Version, string? Note);

    public static async Task<Results<Ok<WorkflowResponse>, RuleConflict>> Handle(string code, Request request, DossierSteps steps, CancellationToken cancellationToken)
    {
        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        steps.RequireDesk(dossier);
        var process = await steps.StepsAsync(dossier, cancellationToken);
        var first = process[0];
        var calendar = await steps.CalendarAsync(dossier, cancellationToken);
        var now = steps.Now;
        var who = steps.Actor.ActingOn(dossier.ReceivingUnitPath, StaffRole.DeskOfficer);
        if (dossier.HandOff(HandoffKind.Start, first.Order, DossierSteps.StepDue(calendar, first, now), null, now, who.Id, who.Name, null, request.Note,
            first.OfficePath) is { } broken)
        {
            return steps.Refused(broken);
        }

        return TypedResults.Ok(await steps.SaveAsync(dossier, process, who, "dossier.processing-started", null,
            new { Step = first.Order, first.Name, Office = UnitPath.Code(first.OfficePath) }, cancellationToken));
    }
}
