using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Calendar;

/// <summary><c>DELETE /api/v1/calendar/{year}/days/{date}</c>: the day returns to the ordinary week; the year needs a new confirmation.</summary>
internal static class RemoveCalendarDay
{
    public static async Task<Ok<GetCalendarYear.Response>> Handle(string year, string date, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        WorkingCalendarCache cache, TimeProvider clock, IStringLocalizer<CalendarResource> localizer, CancellationToken cancellationToken)
    {
        await RemoveAsync(year, date, db, actor, audit, cache, clock, localizer, cancellationToken);
        return await GetCalendarYear.Handle(year, db, localizer, cancellationToken);
    }

    public static async Task RemoveAsync(string? year, string? date, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        WorkingCalendarCache cache, TimeProvider clock, IStringLocalizer<CalendarResource> localizer, CancellationToken cancellationToken)
    {
        var who = CalendarAccess.RequireDaysAdmin(actor);
        var errors = new FieldErrors(localizer);
        var number = CalendarEdits.ParseYear(year, errors);
        var day = CalendarEdits.ParseDate(date, "date", errors);
        errors.ThrowIfAny();

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await CalendarEdits.LoadOrDraftAsync(db, number, now, cancellationToken);
        var before = stored.Days.FirstOrDefault(d => d.Date == day)?.ToCalendarDay();
        if (before is null)
        {
            throw new ProblemException(404, "day-not-listed", "Problem.NotFound", localizer["Calendar.DayNotListed"]);
        }

        stored.RemoveDay(day);
        stored.Changed(now);
        await audit.RecordAsync(who, "calendar.day.removed", CalendarEdits.EntityType, number.ToString(CultureInfo.InvariantCulture),
            SaveCalendarDay.Describe(before), null, cancellationToken);
        await CalendarEdits.CommitAsync(db, cache, now, cancellationToken);
    }
}
