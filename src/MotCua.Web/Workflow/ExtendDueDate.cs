using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Workflow;

/// <summary>
/// <c>POST /api/v1/dossiers/{code}/extend</c>: the head of the handling unit issues the apology with a new
/// appointment (form 04): once, no later than 1 working day before the due date; the original due date is kept.
/// The apology gives one new date (DESIGN.md §4.5), so the step in hand gets the working time the new date adds: its own
/// deadline moves by as much, and the steps after it keep their allotted hours.
/// </summary>
internal static class ExtendDueDate
{
    public sealed record Request(int? Version, DateTimeOffset? NewDueAt, string? Reason);

    public static async Task<Results<Ok<WorkflowResponse>, RuleConflict>> Handle(string code, Request request, DossierSteps steps, WorkflowNotices notices,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("reason", request.Reason, 2000);
        if (request.NewDueAt is null)
        {
            errors.Add("newDueAt", "Validation.Required");
        }

        errors.ThrowIfAny();
        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        steps.RequireLeader(dossier);
        var calendar = await steps.CalendarAsync(dossier, cancellationToken);
        var before = dossier.DueAt!.Value;
        var stepBefore = dossier.StepDueAt;
        var newDue = request.NewDueAt!.Value.UtcDateTime;
        var stepDue = stepBefore is { } step && newDue > before
            ? ProcessingClock.Moved(calendar, step, before, newDue)
            : stepBefore;
        if (dossier.Extend(newDue, request.Reason!.Trim(), steps.Now, ProcessingClock.LastApologyDate(calendar, before), stepDue) is { } broken)
        {
            return steps.Refused(broken);
        }

        notices.Extended(dossier);
        return TypedResults.Ok(await steps.SaveAsync(dossier, await steps.StepsAsync(dossier, cancellationToken),
            steps.Actor.ActingOn(dossier.HandlingUnitPath, StaffRole.Leader), "dossier.extended",
            new { DueAt = before, StepDueAt = stepBefore }, new { dossier.DueAt, dossier.OriginalDueAt, dossier.StepDueAt, dossier.ExtensionReason },
            cancellationToken));
    }
}
