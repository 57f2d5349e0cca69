using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Calendar;

/// <summary>The working-time engine: the Vietnamese calendar, days off, office hours and deadline arithmetic.
/// Other modules use <see cref="IWorkingCalendar"/>.</summary>
internal static class CalendarModule
{
    public static WebApplicationBuilder AddCalendar(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(CalendarOptions.Section).Get<CalendarOptions>() ?? new CalendarOptions());
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeFolder("/Calendar", Policies.Staff));
        // Reference data, needed with or without the demo.
        builder.Services.AddSingleton<Platform.Database.IStartupData, SeedOfficialCalendars>();
        builder.Services.AddSingleton<WorkingCalendarCache>();
        builder.Services.AddScoped<IWorkingCalendar, WorkingCalendarService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/calendar").WithTags("Calendar");

        var open = api.MapGroup("").AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        open.MapGet("/{year}", GetCalendarYear.Handle).WithName("GetCalendarYear")
            .WithSummary("Days off and make-up working days of a year (kind holiday, compensatory, swap-off or swap-work), with the year's status and source.");
        open.MapPost("/due", ComputeDueDate.Handle).WithName("ComputeDueDate")
            .WithSummary("Due moment (+07:00) of a processing time in WorkingDays, HalfDays, WorkingHours or CalendarDays, with the days off skipped.");

        var admin = api.MapGroup("").RequireAuthorization(Policies.UnitAdmin).RequireRecentAuthentication();
        admin.MapPut("/{year}/days/{date}", SaveCalendarDay.Handle).WithName("SaveCalendarDay")
            .WithSummary("Lists or changes a day off or make-up working day, with its source; the year needs a new confirmation.");
        admin.MapDelete("/{year}/days/{date}", RemoveCalendarDay.Handle).WithName("RemoveCalendarDay")
            .WithSummary("Returns a listed day to the ordinary week; the year needs a new confirmation.");
        admin.MapPost("/{year}/confirm", ConfirmCalendarYear.Handle).WithName("ConfirmCalendarYear")
            .WithSummary("Confirms a year against the official notice.");
        admin.MapPost("/import", ImportCalendar.Handle).WithName("ImportCalendar")
            .WithSummary("Replaces whole years from JSON; they then await confirmation.")
            .Accepts<System.Text.Json.JsonElement>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(ImportCalendar.MaxBytes));

        // Lunar dates and office hours sit beside /calendar/{year}: under it, /calendar/lunar/{date} or
        // /calendar/hours/{unitCode} and /calendar/{year}/confirm would be one path to a client.
        app.MapGet("/api/v1/lunar-dates/{date}", GetLunarDate.Handle).WithTags("Calendar").AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .WithName("GetLunarDate").WithSummary("Vietnamese lunar date (UTC+7) of a solar date yyyy-MM-dd, 1900–2100.");
        var hours = app.MapGroup("/api/v1/working-hours/{unitCode}").WithTags("Calendar");
        hours.MapGet("", WorkingHoursOfUnit.Get).AllowAnonymous().RequireRateLimiting(RateLimits.Public).WithName("GetWorkingHours")
            .WithSummary("Office hours that apply to a unit, its own or inherited.");
        hours.MapPut("", WorkingHoursOfUnit.Put).RequireAuthorization(Policies.UnitAdmin).RequireRecentAuthentication().WithName("SetWorkingHours")
            .WithSummary("Sets a unit's office hours (at most 8 hours a day).");
        hours.MapDelete("", WorkingHoursOfUnit.Delete).RequireAuthorization(Policies.UnitAdmin).RequireRecentAuthentication().WithName("ResetWorkingHours")
            .WithSummary("Removes a unit's own office hours so that it inherits them again.");
        return app;
    }
}
