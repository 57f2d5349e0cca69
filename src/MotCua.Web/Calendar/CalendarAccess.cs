using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Calendar;

/// <summary>
/// Who may change what. The days off serve every unit of the installation, so they are changed by a
/// system administrator or the administrator of a top-level unit (a province); a unit's office hours
/// by an administrator of that unit or of a unit above it.
/// </summary>
internal static class CalendarAccess
{
    public static bool CanEditDays(CurrentActor actor) => DaysAdmin(actor) is not null;

    public static Actor RequireDaysAdmin(CurrentActor actor) =>
        DaysAdmin(actor) is { } role ? new Actor(actor.UserId, actor.Name, role.Role.ToString(), role.UnitCode) : throw ProblemException.Forbidden();

    public static bool CanEditHours(CurrentActor actor, string unitPath) => actor.Covers(unitPath, StaffRole.UnitAdmin);

    public static Actor RequireHoursAdmin(CurrentActor actor, string unitPath) =>
        CanEditHours(actor, unitPath) ? actor.ActingOn(unitPath, StaffRole.UnitAdmin) : throw ProblemException.Forbidden();

    private static RoleClaim? DaysAdmin(CurrentActor actor) =>
        actor.Roles
            .Where(r => r.Role == StaffRole.SystemAdmin || (r.Role == StaffRole.UnitAdmin && IsTopLevel(r.UnitPath)))
            .OrderByDescending(r => r.Role == StaffRole.SystemAdmin)
            .FirstOrDefault();

    // Paths are "/code/" for a top-level unit, "/code/child/" below it.
    private static bool IsTopLevel(string unitPath) => unitPath.Count(c => c == '/') == 2;
}
