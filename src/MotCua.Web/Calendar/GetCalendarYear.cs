using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Calendar;

/// <summary>
/// <c>GET /api/v1/calendar/{year}</c>: the days off and the make-up working days of a year, each with
/// its name, kind and source, and whether the year was confirmed against the official notice.
/// </summary>
internal static class GetCalendarYear
{
    /// <param name="Source">The day's own source; null when it is the year's.</param>
    public sealed record Day(DateOnly Date, string Name, string Kind, string? Source);

    public sealed record Response(int Year, string Status, string Source, DateTimeOffset? ConfirmedAt, IReadOnlyList<Day> Days);

    /// <summary>The year as the back office shows it.</summary>
    public sealed record View(int Year, CalendarYearStatus Status, bool IsStored, string Source, DateTime? ConfirmedAt, string? ConfirmedByName,
        IReadOnlyList<CalendarDay> Days);

    public static async Task<Ok<Response>> Handle(string year, MotCuaDbContext db, IStringLocalizer<CalendarResource> localizer,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        var number = CalendarEdits.ParseYear(year, errors);
        errors.ThrowIfAny();
        var view = await QueryAsync(db, number, cancellationToken);
        return TypedResults.Ok(new Response(
            view.Year,
            StatusCode(view.Status),
            view.Source,
            view.ConfirmedAt is { } at ? VietnamTime.FromUtc(at) : null,
            view.Days.Select(d => new Day(d.Date, d.Name, d.Kind.ToCode(), d.Source == view.Source ? null : d.Source)).ToList()));
    }

    public static async Task<View> QueryAsync(MotCuaDbContext db, int year, CancellationToken cancellationToken)
    {
        var stored = await db.CalendarYears.AsNoTracking().Include(y => y.Days).FirstOrDefaultAsync(y => y.Year == year, cancellationToken);
        return stored is null
            ? new View(year, CalendarYearStatus.Generated, false, NationalCalendar.GeneratedSource, null, null, HolidayRules.Generate(year))
            : new View(year, stored.Status, true, stored.Source, stored.ConfirmedAt, stored.ConfirmedByName, [.. stored.ToCalendarDays()]);
    }

    public static string StatusCode(CalendarYearStatus status) => status switch
    {
        CalendarYearStatus.Generated => "generated",
        CalendarYearStatus.Confirmed => "confirmed",
    };
}
