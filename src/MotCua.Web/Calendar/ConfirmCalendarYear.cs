using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Calendar;

/// <summary><c>POST /api/v1/calendar/{year}/confirm</c>: an administrator checked the year against the official notice.</summary>
internal static class ConfirmCalendarYear
{
    /// <param name="Source">The notice checked against; keeps the year's source when empty.</param>
    public sealed record Request(string? Source);

    public static async Task<Ok<GetCalendarYear.Response>> Handle(string year, Request? request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        WorkingCalendarCache cache, TimeProvider clock, IStringLocalizer<CalendarResource> localizer, CancellationToken cancellationToken)
    {
        await ConfirmAsync(year, request?.Source, db, actor, audit, cache, clock, localizer, cancellationToken);
        return await GetCalendarYear.Handle(year, db, localizer, cancellationToken);
    }

    public static async Task ConfirmAsync(string? year, string? source, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        WorkingCalendarCache cache, TimeProvider clock, IStringLocalizer<CalendarResource> localizer, CancellationToken cancellationToken)
    {
        var who = CalendarAccess.RequireDaysAdmin(actor);
        var errors = new FieldErrors(localizer);
        var number = CalendarEdits.ParseYear(year, errors);
        errors.MaxLength("source", source, CalendarYear.MaxSource);
        errors.ThrowIfAny();

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await CalendarEdits.LoadOrDraftAsync(db, number, now, cancellationToken);
        var before = CalendarEdits.Describe(stored);
        if (!string.IsNullOrWhiteSpace(source))
        {
            stored.Source = source.Trim();
        }

        stored.Confirm(who.Id, who.Name, now);
        await audit.RecordAsync(who, "calendar.year.confirmed", CalendarEdits.EntityType, number.ToString(CultureInfo.InvariantCulture),
            before, CalendarEdits.Describe(stored), cancellationToken);
        await CalendarEdits.CommitAsync(db, cache, now, cancellationToken);
    }
}
