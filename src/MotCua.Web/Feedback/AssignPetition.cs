using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;
using MotCua.Web.Platform.Localization;

namespace MotCua.Web.Feedback;

/// <summary>
/// <c>POST /api/v1/petitions/{reference}/assign</c>: the unit's leader (or administrator) classifies the petition by kind,
/// unit and procedure and gives it to an officer, with a due date in working days on MotCua's calendar of that unit. The
/// time counts from receipt, or from the latest move to another unit (DESIGN.md §4.14, Decree 20/2008/NĐ-CP as amended by
/// Decree 92/2017/NĐ-CP; the number of days is configuration).
/// </summary>
internal static class AssignPetition
{
    public sealed record Request(int? Version, string? Kind, string? UnitCode, string? ProcedureCode, string? AssigneeUserName);

    public static async Task<Ok<PetitionView>> Handle(string reference, Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        IWorkingCalendar calendars, TimeProvider clock, IOptions<PetitionOptions> options, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var petition = await PetitionAccess.LoadAsync(db, actor, reference, request.Version, cancellationToken);
        var errors = new FieldErrors(localizer);
        var kind = Reporting.ReportSelection.Parse<PetitionKind>(errors, "kind", request.Kind) ?? petition.Kind;
        errors.Required("assigneeUserName", request.AssigneeUserName, 100);
        errors.MaxLength("procedureCode", request.ProcedureCode, 60);
        errors.ThrowIfAny();
        var unit = string.IsNullOrWhiteSpace(request.UnitCode)
            ? await db.Units.AsNoTracking().Where(u => u.Id == petition.UnitId).Select(u => new { u.Id, u.Code, u.Path }).FirstAsync(cancellationToken)
            : await db.Units.AsNoTracking().Where(u => u.Code == request.UnitCode.Trim()).Select(u => new { u.Id, u.Code, u.Path }).FirstOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            errors.Add("unitCode", "Petitions.UnknownUnit").ThrowIfAny();
        }

        if (!actor.Covers(petition.UnitPath, StaffRole.Leader, StaffRole.UnitAdmin) || !actor.Covers(unit!.Path))
        {
            throw ProblemException.Forbidden();
        }

        // The assignee works in the unit: a role in it, above it or below it.
        var assignee = await db.Users.AsNoTracking().Where(u => u.UserName == request.AssigneeUserName!.Trim() && !u.IsDisabled && u.Kind == AccountKind.Staff)
            .Select(u => new { u.Id, u.FullName, Paths = u.Roles.Select(r => r.Unit!.Path).ToList() }).FirstOrDefaultAsync(cancellationToken);
        if (assignee is null || !assignee.Paths.Any(p => p.StartsWith(unit.Path, StringComparison.Ordinal) || unit.Path.StartsWith(p, StringComparison.Ordinal)))
        {
            errors.Add("assigneeUserName", "Petitions.UnknownAssignee").ThrowIfAny();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var moved = unit.Id != petition.UnitId;
        var due = petition.DueAt is { } kept && !moved
            ? kept
            : (await calendars.DueAsync(unit.Code, VietnamTime.FromUtc(moved ? now : petition.ReceivedAt), new ProcessingTime(options.Value.HandleWithinWorkingDays, DurationUnit.WorkingDays),
                DueOptions.None, cancellationToken)).UtcDateTime;
        var before = new { Kind = petition.Kind.ToString(), petition.UnitPath, petition.ProcedureCode, petition.AssigneeName, petition.DueAt };
        if (!petition.Assign(kind, unit.Id, unit.Path, Blank(request.ProcedureCode) ?? petition.ProcedureCode, assignee!.Id, assignee.FullName, now, due))
        {
            throw ProblemException.IllegalState(petition.State);
        }

        await audit.RecordAsync(actor.ActingOn(unit.Path, StaffRole.Leader, StaffRole.UnitAdmin), "petition.assigned", nameof(Petition), petition.Id.ToString(), before,
            new { Kind = kind.ToString(), Unit = unit.Code, petition.ProcedureCode, petition.AssigneeName, petition.DueAt }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PetitionView.Of(petition, unit.Code, now));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
