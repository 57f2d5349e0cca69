using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Calendar;

/// <summary><c>GET /api/v1/lunar-dates/{yyyy-MM-dd}</c>: the Vietnamese lunar date (UTC+7) of a solar date.</summary>
internal static class GetLunarDate
{
    public sealed record Response(int Year, int Month, int Day, bool IsLeapMonth);

    public static Ok<Response> Handle(string date, IStringLocalizer<CalendarResource> localizer)
    {
        var errors = new FieldErrors(localizer);
        var solar = CalendarEdits.ParseDate(date, "date", errors);
        errors.ThrowIfAny();
        if (solar < VietnameseLunarCalendar.MinDate || solar > VietnameseLunarCalendar.MaxDate)
        {
            errors.Add("date", "Calendar.LunarOutOfRange", Text(VietnameseLunarCalendar.MinDate), Text(VietnameseLunarCalendar.MaxDate)).ThrowIfAny();
        }

        var lunar = VietnameseLunarCalendar.ToLunar(solar);
        return TypedResults.Ok(new Response(lunar.Year, lunar.Month, lunar.Day, lunar.IsLeapMonth));
    }

    private static string Text(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
