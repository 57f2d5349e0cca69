using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight.Inspections;

/// <summary>
/// What every change of a plan starts from: the plan, tracked, at the version the writer saw (409 otherwise), changed only by a supervisor
/// covering its parent unit (403 otherwise). <see cref="RecordAsync"/> raises the version and writes the history entry in the same save.
/// </summary>
internal sealed record InspectionWrite(InspectionPlan Plan, string ParentCode, string ParentPath)
{
    public static async Task<InspectionWrite> LoadAsync(MotCuaDbContext db, CurrentActor actor, int id, int? version, IStringLocalizer text,
        CancellationToken cancellationToken)
    {
        if (version is null)
        {
            new FieldErrors(text).Add("version", "Validation.Required").ThrowIfAny();
        }

        var plan = await GetInspectionPlan.LoadAsync(db.InspectionPlans.Where(p => p.Id == id), cancellationToken) ?? throw ProblemException.NotFound();
        var parent = await db.Units.AsNoTracking().Where(u => u.Id == plan.ParentUnitId).Select(u => new { u.Code, u.Path }).SingleAsync(cancellationToken);
        if (!actor.Covers(parent.Path, StaffRole.Supervisor))
        {
            throw ProblemException.Forbidden();
        }

        if (plan.Version != version)
        {
            throw ProblemException.Conflict("concurrent-change", "Problem.ConcurrentChange");
        }

        return new InspectionWrite(plan, parent.Code, parent.Path);
    }

    /// <summary>A plan's unit by code (400 on the field when the plan does not name it).</summary>
    public static async Task<int?> UnitIdAsync(MotCuaDbContext db, IEnumerable<int> allowed, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var id = await db.Units.AsNoTracking().Where(u => u.Code == code.Trim()).Select(u => (int?)u.Id).SingleOrDefaultAsync(cancellationToken);
        return id is { } found && allowed.Contains(found) ? found : null;
    }

    public async Task RecordAsync(AuditTrail audit, CurrentActor actor, string action, object? before, object after, CancellationToken cancellationToken)
    {
        Plan.Touch();
        await audit.RecordAsync(actor.ActingOn(ParentPath, StaffRole.Supervisor), action, nameof(InspectionPlan), $"{ParentCode}:{Plan.Year}", before, after,
            cancellationToken);
    }
}
