using Microsoft.AspNetCore.Http.HttpResults;
using MotCua.Web.Identity;

namespace MotCua.Web.Workflow;

/// <summary><c>POST /api/v1/dossiers/{code}/return</c>: the desk hands the result (or the refusal) to the applicant: state 10.</summary>
internal static class ReturnDossierResult
{
    public sealed record Request(int? Version);

    public static async Task<Ok<WorkflowResponse>> Handle(string code, Request request, DossierSteps steps, CancellationToken cancellationToken)
    {
        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        steps.RequireDesk(dossier);
        var now = steps.Now;
        dossier.ReturnResult(now);
        var who = steps.Actor.ActingOn(dossier.ReceivingUnitPath, StaffRole.DeskOfficer);
        return TypedResults.Ok(await steps.SaveAsync(dossier, [], who, "dossier.returned", null,
            new { ReturnedAt = now, Timeliness = dossier.Timeliness?.ToString() }, cancellationToken));
    }
}
