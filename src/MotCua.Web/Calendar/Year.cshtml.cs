using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Calendar;

/// <summary>A year of the working calendar as twelve month grids and a list of its days; administrators edit, confirm and import it.</summary>
[RequestSizeLimit(ImportCalendar.MaxBytes)]
[RequiresRecentAuthentication]
internal sealed class YearModel(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, WorkingCalendarCache cache, TimeProvider clock,
    IStringLocalizer<CalendarResource> localizer, IStringLocalizer<SharedResource> shared) : PageModel
{
    public sealed record HistoryRow(DateTime At, string Actor, string? Role, string Action);

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Edit { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Source { get; set; }

    public GetCalendarYear.View View { get; private set; } = null!;
    public IReadOnlyDictionary<DateOnly, CalendarDay> Listed { get; private set; } = new Dictionary<DateOnly, CalendarDay>();
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public DateOnly Today { get; private set; }
    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Today = DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow()));
        if (Year is null)
        {
            return RedirectToPage(new { year = Today.Year });
        }

        if (!NationalCalendar.Covers(Year.Value))
        {
            return NotFound();
        }

        await LoadAsync();
        if (Edit is not null && DateOnly.TryParseExact(Edit, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && View.Days.FirstOrDefault(d => d.Date == date) is { } day)
        {
            (Date, Kind, Name, Source) = (Edit, day.Kind.ToCode(), day.Name, day.Source);
        }

        return Page();
    }

    public Task<IActionResult> OnPostSaveDayAsync() => RunAsync(
        () => SaveCalendarDay.SaveAsync(YearText, Date, new SaveCalendarDay.Request(Kind, Name, Source), db, actor, audit, cache, clock, localizer, Aborted),
        localizer["Year.Saved"]);

    public Task<IActionResult> OnPostRemoveDayAsync(string? day) => RunAsync(
        () => RemoveCalendarDay.RemoveAsync(YearText, day, db, actor, audit, cache, clock, localizer, Aborted),
        localizer["Year.Removed"]);

    public Task<IActionResult> OnPostConfirmAsync(string? confirmSource) => RunAsync(
        () => ConfirmCalendarYear.ConfirmAsync(YearText, confirmSource, db, actor, audit, cache, clock, localizer, Aborted),
        localizer["Year.Confirmed", Year ?? 0]);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        IReadOnlyList<int> years = [];
        var result = await RunAsync(async () =>
        {
            if (file is null || file.Length == 0)
            {
                throw ProblemException.Invalid(new Dictionary<string, string[]> { ["file"] = [localizer["Calendar.Required"]] });
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, Aborted);
            years = await ImportCalendar.ImportAsync(buffer.ToArray(), db, actor, audit, cache, clock, localizer, Aborted);
        }, "");
        if (Errors.Count == 0)
        {
            Message = localizer["Year.Imported", string.Join(", ", years)];
        }

        return result;
    }

    private string Label(string field) => field switch
    {
        "date" => localizer["Year.Date"],
        "kind" => localizer["Year.Kind"],
        "name" => localizer["Year.Name"],
        "source" => localizer["Year.DaySource"],
        "year" => localizer["Year.YearLabel"],
        "file" => localizer["Year.File"],
        _ => field,
    };

    private string YearText => (Year ?? 0).ToString(CultureInfo.InvariantCulture);

    private CancellationToken Aborted => HttpContext.RequestAborted;

    private async Task<IActionResult> RunAsync(Func<Task> action, string done)
    {
        Today = DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow()));
        if (Year is not { } year || !NationalCalendar.Covers(year))
        {
            return NotFound();
        }

        switch (await PageActions.RunAsync(action, Errors, shared, Label))
        {
            case StatusCodes.Status403Forbidden:
                return Forbid();
            case null:
                Message = done;
                (Date, Kind, Name, Source) = (null, null, null, null);
                break;
        }

        db.ChangeTracker.Clear();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var year = Year!.Value;
        View = await GetCalendarYear.QueryAsync(db, year, Aborted);
        Listed = View.Days.ToDictionary(d => d.Date);
        CanEdit = CalendarAccess.CanEditDays(actor);
        var stream = CalendarEdits.EntityType + ":" + year.ToString(CultureInfo.InvariantCulture);
        History = await db.AuditEvents.AsNoTracking()
            .Where(e => e.StreamId == stream)
            .OrderByDescending(e => e.Sequence)
            .Take(50)
            .Select(e => new HistoryRow(e.OccurredAt, e.ActorName, e.ActorRole, e.Action))
            .ToListAsync(Aborted);
    }

    /// <summary>The weeks of a month, Monday first; null pads the days of neighbouring months.</summary>
    public static IEnumerable<DateOnly?[]> Weeks(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var cells = Enumerable.Repeat<DateOnly?>(null, ((int)first.DayOfWeek + 6) % 7)
            .Concat(Enumerable.Range(0, DateTime.DaysInMonth(year, month)).Select(i => (DateOnly?)first.AddDays(i)))
            .ToList();
        while (cells.Count % 7 != 0)
        {
            cells.Add(null);
        }

        return cells.Chunk(7);
    }

    /// <summary>The lunar day, with the month on the first day of a lunar month ("1/1" is Tết; "n" marks a leap month).</summary>
    public static string? LunarLabel(DateOnly date)
    {
        if (date < VietnameseLunarCalendar.MinDate || date > VietnameseLunarCalendar.MaxDate)
        {
            return null;
        }

        var lunar = VietnameseLunarCalendar.ToLunar(date);
        return lunar.Day == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{lunar.Day}/{lunar.Month}{(lunar.IsLeapMonth ? "n" : "")}")
            : lunar.Day.ToString(CultureInfo.InvariantCulture);
    }

    public static string CssClass(DateOnly date, CalendarDay? listed) => listed?.Kind switch
    {
        CalendarDayKind.SwapWork => "cal-day cal-work",
        null => HolidayRules.IsWeeklyRest(date) ? "cal-day cal-weekend" : "cal-day",
        _ => "cal-day cal-off",
    };
}
