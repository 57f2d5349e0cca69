using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Calendar;

/// <summary>
/// <c>GET|PUT|DELETE /api/v1/working-hours/{unitCode}</c>: a unit's office hours. A unit without its
/// own hours uses those of the nearest unit above it that has some, else 07:00–11:30 and 13:30–17:00.
/// </summary>
internal static class WorkingHoursOfUnit
{
    public sealed record Request(string? MorningStart, string? MorningEnd, string? AfternoonStart, string? AfternoonEnd);

    /// <param name="SetBy">The unit whose hours apply (this one or an ancestor); null for the national default.</param>
    public sealed record Response(string UnitCode, string MorningStart, string MorningEnd, string AfternoonStart, string AfternoonEnd, string? SetBy);

    public static async Task<Ok<Response>> Get(string unitCode, MotCuaDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await QueryAsync(db, unitCode, cancellationToken) ?? throw UnitNotFound());

    public static async Task<Ok<Response>> Put(string unitCode, Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        WorkingCalendarCache cache, TimeProvider clock, IStringLocalizer<CalendarResource> localizer, CancellationToken cancellationToken)
    {
        await SaveAsync(unitCode, request, db, actor, audit, cache, clock, localizer, cancellationToken);
        return TypedResults.Ok((await QueryAsync(db, unitCode, cancellationToken))!);
    }

    public static async Task<Ok<Response>> Delete(string unitCode, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        WorkingCalendarCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        await ResetAsync(unitCode, db, actor, audit, cache, clock, cancellationToken);
        return TypedResults.Ok((await QueryAsync(db, unitCode, cancellationToken))!);
    }

    public static async Task<Response?> QueryAsync(MotCuaDbContext db, string unitCode, CancellationToken cancellationToken)
    {
        var path = await db.Units.AsNoTracking().Where(u => u.Code == unitCode).Select(u => u.Path).FirstOrDefaultAsync(cancellationToken);
        if (path is null)
        {
            return null;
        }

        var ancestors = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var set = await db.UnitWorkingHours.AsNoTracking()
            .Where(h => ancestors.Contains(h.Unit!.Code))
            .Select(h => new { h.Unit!.Code, h.Unit.Path, h.MorningStart, h.MorningEnd, h.AfternoonStart, h.AfternoonEnd })
            .ToListAsync(cancellationToken);
        var nearest = set.OrderByDescending(h => h.Path.Length).FirstOrDefault();
        var hours = nearest is null ? WorkingHours.Default : new WorkingHours(nearest.MorningStart, nearest.MorningEnd, nearest.AfternoonStart, nearest.AfternoonEnd);
        return new Response(unitCode, Text(hours.MorningStart), Text(hours.MorningEnd), Text(hours.AfternoonStart), Text(hours.AfternoonEnd), nearest?.Code);
    }

    public static async Task SaveAsync(string unitCode, Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        WorkingCalendarCache cache, TimeProvider clock, IStringLocalizer<CalendarResource> localizer, CancellationToken cancellationToken)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == unitCode, cancellationToken) ?? throw UnitNotFound();
        var who = CalendarAccess.RequireHoursAdmin(actor, unit.Path);
        var errors = new FieldErrors(localizer);
        var times = new[]
        {
            Parse("morningStart", request.MorningStart, errors),
            Parse("morningEnd", request.MorningEnd, errors),
            Parse("afternoonStart", request.AfternoonStart, errors),
            Parse("afternoonEnd", request.AfternoonEnd, errors),
        };
        errors.ThrowIfAny();
        if (!(times[0] < times[1] && times[1] <= times[2] && times[2] < times[3]))
        {
            errors.Add("afternoonStart", "Calendar.HoursOrder").ThrowIfAny();
        }

        var hours = new WorkingHours(times[0], times[1], times[2], times[3]);
        // Labor Code 2019, Art. 105: normal working time is at most 8 hours a day.
        if (hours.DayLength > TimeSpan.FromHours(8))
        {
            errors.Add("afternoonEnd", "Calendar.HoursTooLong").ThrowIfAny();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.UnitWorkingHours.FirstOrDefaultAsync(h => h.UnitId == unit.Id, cancellationToken);
        var before = row is null ? null : Describe(row.ToWorkingHours());
        if (row is null)
        {
            row = new UnitWorkingHours { UnitId = unit.Id };
            db.UnitWorkingHours.Add(row);
        }

        row.Set(hours, now);
        await audit.RecordAsync(who, "calendar.hours.set", "UnitWorkingHours", unit.Code, before, Describe(hours), cancellationToken);
        await CalendarEdits.CommitAsync(db, cache, now, cancellationToken);
    }

    /// <summary>Removes the unit's own hours, so that it inherits them again.</summary>
    public static async Task ResetAsync(string unitCode, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, WorkingCalendarCache cache,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == unitCode, cancellationToken) ?? throw UnitNotFound();
        var who = CalendarAccess.RequireHoursAdmin(actor, unit.Path);
        var row = await db.UnitWorkingHours.FirstOrDefaultAsync(h => h.UnitId == unit.Id, cancellationToken);
        if (row is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.UnitWorkingHours.Remove(row);
        await audit.RecordAsync(who, "calendar.hours.reset", "UnitWorkingHours", unit.Code, Describe(row.ToWorkingHours()), null, cancellationToken);
        await CalendarEdits.CommitAsync(db, cache, now, cancellationToken);
    }

    private static ProblemException UnitNotFound() => new(404, "unit-not-found", "Problem.NotFound");

    public static string Text(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static object Describe(WorkingHours hours) =>
        new { MorningStart = Text(hours.MorningStart), MorningEnd = Text(hours.MorningEnd), AfternoonStart = Text(hours.AfternoonStart), AfternoonEnd = Text(hours.AfternoonEnd) };

    private static TimeOnly Parse(string field, string? text, FieldErrors errors)
    {
        if (TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(field, "Calendar.BadTime");
        return default;
    }
}
