using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Workflow;

/// <summary>How the result reaches the applicant (HinhThuc of the national portal, plus the electronic copy).</summary>
internal enum ReturnMethod
{
    Counter,
    Post,
    Online,
}

/// <summary><c>POST /api/v1/dossiers/{code}/return</c>: the desk hands the result (or the refusal) to the applicant at the counter, by post or online: state 10.</summary>
internal static class ReturnDossierResult
{
    public sealed record Request(int? Version, string? Method = null);

    public static async Task<Ok<WorkflowResponse>> Handle(string code, Request request, DossierSteps steps, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        var method = ReturnMethod.Counter;
        if (request.Method is not null && (!Enum.TryParse(request.Method, ignoreCase: true, out method) || !Enum.IsDefined(method)))
        {
            new FieldErrors(localizer).Add("method", "Workflow.UnknownReturnMethod").ThrowIfAny();
        }

        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        steps.RequireDesk(dossier);
        var now = steps.Now;
        dossier.ReturnResult(now);
        var who = steps.Actor.ActingOn(dossier.ReceivingUnitPath, StaffRole.DeskOfficer);
        return TypedResults.Ok(await steps.SaveAsync(dossier, [], who, "dossier.returned", null,
            new { ReturnedAt = now, Method = method.ToString(), Timeliness = dossier.Timeliness?.ToString() }, cancellationToken));
    }
}
