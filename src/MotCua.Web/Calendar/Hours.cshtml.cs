using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Calendar;

/// <summary>Office hours of the units the user sees, own or inherited; a unit's administrators set or reset them.</summary>
[RequiresRecentAuthentication]
internal sealed class HoursModel(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, WorkingCalendarCache cache, TimeProvider clock,
    IStringLocalizer<CalendarResource> localizer, IStringLocalizer<SharedResource> shared) : PageModel
{
    public sealed record Row(string Code, string Name, int Depth, WorkingHours Hours, string? SetBy, bool Own, bool CanEdit);

    [BindProperty] public string? UnitCode { get; set; }
    [BindProperty] public string? MorningStart { get; set; }
    [BindProperty] public string? MorningEnd { get; set; }
    [BindProperty] public string? AfternoonStart { get; set; }
    [BindProperty] public string? AfternoonEnd { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync()
    {
        await LoadAsync();
        var hours = WorkingHours.Default;
        (MorningStart, MorningEnd, AfternoonStart, AfternoonEnd) = (WorkingHoursOfUnit.Text(hours.MorningStart), WorkingHoursOfUnit.Text(hours.MorningEnd),
            WorkingHoursOfUnit.Text(hours.AfternoonStart), WorkingHoursOfUnit.Text(hours.AfternoonEnd));
    }

    public Task<IActionResult> OnPostSaveAsync() => RunAsync(
        () => WorkingHoursOfUnit.SaveAsync(UnitCode ?? "", new WorkingHoursOfUnit.Request(MorningStart, MorningEnd, AfternoonStart, AfternoonEnd),
            db, actor, audit, cache, clock, localizer, HttpContext.RequestAborted),
        localizer["Hours.Saved"]);

    public Task<IActionResult> OnPostResetAsync(string? resetCode) => RunAsync(
        () => WorkingHoursOfUnit.ResetAsync(resetCode ?? "", db, actor, audit, cache, clock, HttpContext.RequestAborted),
        localizer["Hours.ResetDone"]);

    private async Task<IActionResult> RunAsync(Func<Task> action, string done)
    {
        switch (await PageActions.RunAsync(action, Errors, shared, Label))
        {
            case StatusCodes.Status403Forbidden:
                return Forbid();
            case null:
                Message = done;
                break;
        }

        db.ChangeTracker.Clear();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow()));
        var units = await ListUnits.Visible(db.Units.AsNoTracking(), actor)
            .Where(u => u.ValidFrom <= today && (u.ValidTo == null || u.ValidTo >= today))
            .Select(u => new { u.Code, u.Name, u.Path })
            .ToListAsync(HttpContext.RequestAborted);
        var set = await db.UnitWorkingHours.AsNoTracking()
            .Select(h => new { h.Unit!.Code, h.Unit.Path, h.MorningStart, h.MorningEnd, h.AfternoonStart, h.AfternoonEnd })
            .ToListAsync(HttpContext.RequestAborted);
        var minDepth = units.Count == 0 ? 0 : units.Min(u => Depth(u.Path));
        Rows = units.OrderBy(u => u.Path, StringComparer.Ordinal).Select(u =>
        {
            var nearest = set.Where(h => u.Path.StartsWith(h.Path, StringComparison.Ordinal)).MaxBy(h => h.Path.Length);
            var hours = nearest is null ? WorkingHours.Default : new WorkingHours(nearest.MorningStart, nearest.MorningEnd, nearest.AfternoonStart, nearest.AfternoonEnd);
            return new Row(u.Code, u.Name, Depth(u.Path) - minDepth, hours, nearest?.Code, nearest?.Code == u.Code, CalendarAccess.CanEditHours(actor, u.Path));
        }).ToList();
    }

    private string Label(string field) => field switch
    {
        "morningStart" => localizer["Hours.MorningStart"],
        "morningEnd" => localizer["Hours.MorningEnd"],
        "afternoonStart" => localizer["Hours.AfternoonStart"],
        "afternoonEnd" => localizer["Hours.AfternoonEnd"],
        _ => field,
    };

    private static int Depth(string path) => path.Count(c => c == '/') - 2;
}
