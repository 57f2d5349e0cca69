using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;
using ProcessingTime = MotCua.Web.Calendar.ProcessingTime;

namespace MotCua.Web.Workflow;

/// <summary>A step of the internal process as the workflow sees it: the office (a unit path) and role that do it.</summary>
internal sealed record StepInfo(int Order, string Name, StaffRole Role, decimal Hours, string OfficePath, bool InterAgency);

/// <summary>The state of a dossier after a workflow action.</summary>
internal sealed record WorkflowResponse(string Code, string State, int NationalState, int Version, int? CurrentStep, string? StepName,
    Guid? AssigneeId, DateTimeOffset? StepDueAt, DateTimeOffset? DueAt);

/// <summary>
/// What every workflow action shares: loading the dossier the caller may see at the version the caller saw
/// (optimistic concurrency: a stale version is 409), the steps of its process, its calendar, and saving
/// with the history entry.
/// </summary>
internal sealed class DossierSteps(MotCuaDbContext db, CurrentActor actor, IWorkingCalendar calendars, DossierCommit commit, TimeProvider clock,
    IStringLocalizer<SharedResource> localizer, RuleProblems problems)
{
    public CurrentActor Actor => actor;

    public DateTime Now => DossierTime.ToSecond(clock.GetUtcNow().UtcDateTime);

    public async Task<Dossier> LoadAsync(string code, int? version, CancellationToken cancellationToken)
    {
        var dossier = await db.Dossiers.FirstOrDefaultAsync(d => d.Code == code, cancellationToken);
        if (dossier is null || !Routing.Visible(dossier, actor))
        {
            throw ProblemException.NotFound("Dossiers.NotFound");
        }

        if (version is null)
        {
            new FieldErrors(localizer).Add("version", "Validation.Required").ThrowIfAny();
        }

        return dossier.Version == version ? dossier : throw ProblemException.Conflict("concurrent-change", "Problem.ConcurrentChange");
    }

    /// <summary>The steps of the procedure's process at the handling unit; one step by the handling unit's specialists when none is defined.</summary>
    public async Task<IReadOnlyList<StepInfo>> StepsAsync(Dossier dossier, CancellationToken cancellationToken)
    {
        var steps = await db.ProcessDefinitions.AsNoTracking()
            .Where(p => p.Procedure!.Code == dossier.ProcedureCode && p.UnitId == dossier.HandlingUnitId)
            .SelectMany(p => p.Steps)
            .OrderBy(s => s.Order)
            .Select(s => new StepInfo(s.Order, s.Name, s.Role, s.Hours, s.OfficeUnit != null ? s.OfficeUnit.Path : dossier.HandlingUnitPath, s.InterAgency))
            .ToListAsync(cancellationToken);
        return steps.Count > 0 ? steps : [new StepInfo(1, "", StaffRole.Specialist, 0, dossier.HandlingUnitPath, false)];
    }

    public Task<UnitCalendar> CalendarAsync(Dossier dossier, CancellationToken cancellationToken) =>
        calendars.ForUnitAsync(UnitPath.Code(dossier.HandlingUnitPath), cancellationToken);

    /// <summary>The caller must hold the step's role in its office, and be its assignee when it has one.</summary>
    public void RequireHolder(Dossier dossier, StepInfo step)
    {
        if (!actor.Covers(step.OfficePath, step.Role) || (dossier.AssigneeId is { } assignee && assignee != actor.UserId && !actor.IsSystemAdmin))
        {
            throw ProblemException.Forbidden();
        }
    }

    /// <summary>The head of the handling unit: signs apologies and refusals.</summary>
    public void RequireLeader(Dossier dossier)
    {
        if (!actor.Covers(dossier.HandlingUnitPath, StaffRole.Leader))
        {
            throw ProblemException.Forbidden();
        }
    }

    /// <summary>The processing time of the procedure version the dossier is pinned to, for its channel.</summary>
    public async Task<(ProcessingTime Time, DueOptions Options)> ProcessingTimeAsync(Dossier dossier, CancellationToken cancellationToken)
    {
        var times = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == dossier.ProcedureVersionId)
            .SelectMany(v => v.Times).Select(t => new { t.Channel, t.Amount, t.Unit, t.SameDayCutoff }).ToListAsync(cancellationToken);
        var time = times.FirstOrDefault(t => t.Channel == dossier.Channel) ?? times.First(t => t.Channel == Channel.Counter);
        var unit = time.Unit switch
        {
            TimeUnit.WorkingDays => DurationUnit.WorkingDays,
            TimeUnit.HalfDays => DurationUnit.HalfDays,
            TimeUnit.WorkingHours => DurationUnit.WorkingHours,
            TimeUnit.CalendarDays => DurationUnit.CalendarDays,
        };
        return (new ProcessingTime(time.Amount, unit), new DueOptions(time.SameDayCutoff));
    }

    /// <summary>The clock rules of the procedure version the dossier is pinned to (<see cref="ProcedureVersion.SupplementRule"/>).</summary>
    public async Task<(SupplementRule Supplement, bool PaymentTimeCounts)> ClockRulesAsync(Dossier dossier, CancellationToken cancellationToken)
    {
        var rules = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == dossier.ProcedureVersionId)
            .Select(v => new { v.SupplementRule, v.PaymentTimeCounts }).FirstAsync(cancellationToken);
        return (rules.SupplementRule, rules.PaymentTimeCounts);
    }

    public void RequireDesk(Dossier dossier)
    {
        if (!actor.Covers(dossier.ReceivingUnitPath, StaffRole.DeskOfficer))
        {
            throw ProblemException.Forbidden();
        }
    }

    /// <summary>When a step started at <paramref name="start"/> runs out of its allotted working hours.</summary>
    public static DateTime? StepDue(UnitCalendar calendar, StepInfo step, DateTime start) =>
        step.Hours > 0 ? calendar.AddWorkingTime(VietnamTime.FromUtc(start), TimeSpan.FromHours((double)step.Hours)).UtcDateTime : null;

    /// <summary>How the current step kept its allotted time if it ends at <paramref name="at"/> (by date, as for the dossier).</summary>
    public static Timeliness? StepTimeliness(Dossier dossier, DateTime at) =>
        dossier.StepDueAt is { } due ? UnitCalendar.Judge(VietnamTime.FromUtc(at), VietnamTime.FromUtc(due)) : null;

    public async Task<WorkflowResponse> SaveAsync(Dossier dossier, IReadOnlyList<StepInfo> steps, Actor who, string action, object? before, object? after,
        CancellationToken cancellationToken)
    {
        // The Version concurrency token makes a racing second writer fail here with 409.
        await commit.SaveAsync(dossier, new DossierEvent(who, action, before, after), cancellationToken);
        return Response(dossier, steps);
    }

    /// <summary>The 409 answer when the dossier refuses the action.</summary>
    public RuleConflict Refused(RuleBroken broken) => problems.Conflict(broken);

    public static WorkflowResponse Response(Dossier dossier, IReadOnlyList<StepInfo> steps) =>
        new(dossier.Code!, dossier.State.ToString(), dossier.State.NationalCode(), dossier.Version, dossier.CurrentStep,
            steps.FirstOrDefault(s => s.Order == dossier.CurrentStep)?.Name, dossier.AssigneeId,
            dossier.StepDueAt is { } stepDue ? VietnamTime.FromUtc(stepDue) : null, dossier.DueAt is { } due ? VietnamTime.FromUtc(due) : null);

    public StepInfo Current(Dossier dossier, IReadOnlyList<StepInfo> steps) =>
        steps.FirstOrDefault(s => s.Order == dossier.CurrentStep) ?? throw ProblemException.IllegalState(dossier.State);

    /// <summary>The id of a staff account holding <paramref name="role"/> over <paramref name="officePath"/>, or 400.</summary>
    public async Task<Guid> StaffOfAsync(string? userName, StaffRole role, string officePath, CancellationToken cancellationToken)
    {
        var candidates = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == role && db.Users.Any(u => u.Id == r.UserId && u.UserName == userName))
            .Select(r => new { r.UserId, r.Unit!.Path })
            .ToListAsync(cancellationToken);
        if (candidates.FirstOrDefault(c => officePath.StartsWith(c.Path, StringComparison.Ordinal)) is { } found)
        {
            return found.UserId;
        }

        new FieldErrors(localizer).Add("assignee", "Workflow.NotInOffice").ThrowIfAny();
        return default;
    }
}
