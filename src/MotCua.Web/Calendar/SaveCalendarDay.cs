using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Calendar;

/// <summary>
/// <c>PUT /api/v1/calendar/{year}/days/{date}</c>: lists a day off or a make-up working day, or changes
/// the listed one, with the source of the change. The year then needs a new confirmation.
/// </summary>
internal static class SaveCalendarDay
{
    /// <param name="Kind"><c>holiday</c>, <c>compensatory</c>, <c>swap-off</c> or <c>swap-work</c>.</param>
    /// <param name="Name">Vietnamese name, e.g. "Tết Nguyên đán".</param>
    /// <param name="Source">The notice or rule the day comes from.</param>
    public sealed record Request(string? Kind, string? Name, string? Source);

    public static async Task<Ok<GetCalendarYear.Response>> Handle(string year, string date, Request request, MotCuaDbContext db, CurrentActor actor,
        AuditTrail audit, WorkingCalendarCache cache, TimeProvider clock, IStringLocalizer<CalendarResource> localizer, CancellationToken cancellationToken)
    {
        await SaveAsync(year, date, request, db, actor, audit, cache, clock, localizer, cancellationToken);
        return await GetCalendarYear.Handle(year, db, localizer, cancellationToken);
    }

    public static async Task SaveAsync(string? year, string? date, Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        WorkingCalendarCache cache, TimeProvider clock, IStringLocalizer<CalendarResource> localizer, CancellationToken cancellationToken)
    {
        var who = CalendarAccess.RequireDaysAdmin(actor);
        var errors = new FieldErrors(localizer);
        var number = CalendarEdits.ParseYear(year, errors);
        var day = CalendarEdits.ParseDate(date, "date", errors);
        if (errors.IsEmpty && day.Year != number)
        {
            errors.Add("date", "Calendar.DateNotInYear", number);
        }

        if (!CalendarDayKindCode.TryParse(request.Kind, out var kind))
        {
            errors.Add("kind", "Calendar.BadKind");
        }
        else if (kind == CalendarDayKind.SwapWork && !HolidayRules.IsWeeklyRest(day))
        {
            errors.Add("kind", "Calendar.SwapWorkOnWeekday");
        }

        errors.Required("name", request.Name, CalendarYear.MaxName);
        errors.Required("source", request.Source, CalendarYearDay.MaxSource);
        errors.ThrowIfAny();

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await CalendarEdits.LoadOrDraftAsync(db, number, now, cancellationToken);
        var before = stored.Days.FirstOrDefault(d => d.Date == day)?.ToCalendarDay();
        var after = new CalendarDay(day, kind, request.Name!.Trim(), request.Source!.Trim());
        stored.SetDay(after);
        stored.Changed(now);
        await audit.RecordAsync(who, before is null ? "calendar.day.added" : "calendar.day.changed", CalendarEdits.EntityType, number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            before is null ? null : Describe(before), Describe(after), cancellationToken);
        await CalendarEdits.CommitAsync(db, cache, now, cancellationToken);
    }

    public static object Describe(CalendarDay day) =>
        new { Date = day.Date.ToString("O", System.Globalization.CultureInfo.InvariantCulture), Kind = day.Kind.ToCode(), day.Name, day.Source };
}
