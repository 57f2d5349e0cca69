using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Calendar;

/// <summary>What every change to the days off does: store a drafted year on first edit, and commit with the revision bumped.</summary>
internal static class CalendarEdits
{
    public const string EntityType = "CalendarYear";

    /// <summary>The stored year, tracked; a year never stored is drafted from the rules and added.</summary>
    public static async Task<CalendarYear> LoadOrDraftAsync(MotCuaDbContext db, int year, DateTime now, CancellationToken cancellationToken)
    {
        var stored = await db.CalendarYears.Include(y => y.Days).FirstOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (stored is not null)
        {
            return stored;
        }

        var draft = CalendarYear.From(new OfficialYear(year, NationalCalendar.GeneratedSource, HolidayRules.Generate(year)), now);
        db.CalendarYears.Add(draft);
        return draft;
    }

    /// <summary>The year as written to the audit history.</summary>
    public static object Describe(CalendarYear year) => new
    {
        year.Year,
        Status = year.Status.ToString(),
        year.Source,
        Days = year.Days.OrderBy(d => d.Date).Select(d => new { Date = d.Date.ToString("O", CultureInfo.InvariantCulture), Kind = d.Kind.ToCode(), d.Name, d.Source }).ToList(),
    };

    public static async Task CommitAsync(MotCuaDbContext db, WorkingCalendarCache cache, DateTime now, CancellationToken cancellationToken)
    {
        await CalendarRevision.BumpAsync(db, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
    }

    public static int ParseYear(string? text, FieldErrors errors)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && NationalCalendar.Covers(year))
        {
            return year;
        }

        errors.Add("year", "Calendar.BadYear", NationalCalendar.FirstYear, NationalCalendar.LastYear);
        return 0;
    }

    public static DateOnly ParseDate(string? text, string field, FieldErrors errors)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, "Calendar.BadDate");
        return default;
    }
}
