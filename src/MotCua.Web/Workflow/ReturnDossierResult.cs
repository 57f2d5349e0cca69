using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Workflow;

/// <summary>
/// <c>POST /api/v1/dossiers/{code}/return</c>: the desk hands the result (or the refusal) to the applicant at the counter, by
/// post or online: state 10. Without a method, the result goes the way the applicant asked at intake (by post or at the counter).
/// </summary>
internal static class ReturnDossierResult
{
    public sealed record Request(int? Version, string? Method = null);

    public static async Task<Results<Ok<WorkflowResponse>, RuleConflict>> Handle(string code, Request request, DossierSteps steps, WorkflowNotices notices,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        ReturnMethod? asked = null;
        if (request.Method is not null)
        {
            if (!Enum.TryParse<ReturnMethod>(request.Method, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                new FieldErrors(localizer).Add("method", "Workflow.UnknownReturnMethod").ThrowIfAny();
            }

            asked = parsed;
        }

        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        steps.RequireDesk(dossier);
        var now = steps.Now;
        var method = asked ?? dossier.AskedReturnMethod;
        if (dossier.ReturnResult(now, method) is { } broken)
        {
            return steps.Refused(broken);
        }

        // The return notice carries the link to rate the service (issue 18).
        notices.Returned(dossier);

        var who = steps.Actor.ActingOn(dossier.ReceivingUnitPath, StaffRole.DeskOfficer);
        return TypedResults.Ok(await steps.SaveAsync(dossier, [], who, "dossier.returned", null,
            new { ReturnedAt = now, Method = method.ToString(), Timeliness = dossier.Timeliness?.ToString() }, cancellationToken));
    }
}
