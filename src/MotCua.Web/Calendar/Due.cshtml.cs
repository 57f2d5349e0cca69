using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Calendar;

/// <summary>The desk's due date calculator: a GET form, so that a result can be bookmarked or sent to a colleague.</summary>
internal sealed class DueModel(MotCuaDbContext db, CurrentActor actor, IWorkingCalendar calendars, TimeProvider clock,
    IStringLocalizer<CalendarResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Start { get; set; }
    [BindProperty(SupportsGet = true)] public int? Amount { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cutoff { get; set; }
    [BindProperty(SupportsGet = true)] public string? UnitCode { get; set; }

    public ComputeDueDate.Response? Result { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<ListUnits.Item> Units { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var now = VietnamTime.ToLocal(clock.GetUtcNow());
        Units = await ListUnits.QueryAsync(db, actor, DateOnly.FromDateTime(now), false, HttpContext.RequestAborted);
        if (Start is null && Amount is null && !Request.Query.ContainsKey("amount"))
        {
            Start = now.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
            Unit ??= nameof(DurationUnit.WorkingDays);
            return;
        }

        try
        {
            Result = await ComputeDueDate.ComputeAsync(new ComputeDueDate.Request(Start, Amount, Unit, UnitCode, Cutoff), calendars, localizer, HttpContext.RequestAborted);
        }
        catch (ProblemException problem)
        {
            Errors = problem.Errors ?? new Dictionary<string, string[]> { ["start"] = [problem.Detail ?? problem.Code] };
        }
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public static string Moment(DateTimeOffset moment) => moment.ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
}
