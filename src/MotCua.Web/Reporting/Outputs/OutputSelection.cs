using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Calendar;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Platform.Localization;

namespace MotCua.Web.Reporting.Outputs;

/// <summary>The unit and period an output is asked for, checked the same way everywhere, and their vi-VN text.</summary>
internal static class OutputSelection
{
    public sealed record UnitInfo(int Id, string Code, string Name, string Path);

    /// <summary>The unit by code (404 when unknown); 403 unless one of the actor's roles covers it (its own unit or an ancestor).</summary>
    public static async Task<UnitInfo> CoveredUnitAsync(MotCuaDbContext db, CurrentActor actor, string? unitCode, CancellationToken cancellationToken)
    {
        var unit = string.IsNullOrWhiteSpace(unitCode)
            ? null
            : await db.Units.AsNoTracking().Where(u => u.Code == unitCode).Select(u => new UnitInfo(u.Id, u.Code, u.Name, u.Path)).FirstOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            throw ProblemException.NotFound("Units.NotFound");
        }

        return actor.Covers(unit.Path) ? unit : throw ProblemException.Forbidden();
    }

    /// <summary>Both dates given, in order, and at most <paramref name="maxDays"/> long (an export is built in one request).</summary>
    public static (DateOnly From, DateOnly To) Period(IStringLocalizer<SharedResource> localizer, DateOnly? from, DateOnly? to, int maxDays)
    {
        var errors = new FieldErrors(localizer);
        if (from is null)
        {
            errors.Add("from", "Validation.Required");
        }

        if (to is null)
        {
            errors.Add("to", "Validation.Required");
        }

        if (from is { } f && to is { } t && (t < f || t.DayNumber - f.DayNumber >= maxDays))
        {
            errors.Add("to", "Reporting.Outputs.BadPeriod", maxDays);
        }

        errors.ThrowIfAny();
        return (from!.Value, to!.Value);
    }

    /// <summary>[from 00:00, to + 1 day 00:00) in Vietnamese time, as UTC bounds for stored timestamps.</summary>
    public static (DateTime From, DateTime ToExclusive) UtcBounds(DateOnly from, DateOnly to) =>
        (VietnamTime.FromLocal(from.ToDateTime(TimeOnly.MinValue)).UtcDateTime, VietnamTime.FromLocal(to.AddDays(1).ToDateTime(TimeOnly.MinValue)).UtcDateTime);

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

/// <summary>vi-VN numbers and dates for pages: 3.743; 57,1%; 84,28; 22/11/2026.</summary>
internal static class ViText
{
    private static CultureInfo Vi => LocalizationModule.Vietnamese;

    public static string Count(int value) => value.ToString("N0", Vi);

    public static string Rate(decimal? value) => value is { } v ? (v * 100).ToString("0.0", Vi) + "%" : "—";

    public static string Points(decimal value) => value.ToString("0.00", Vi);

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Moment(DateTimeOffset? value) => value?.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) ?? "";
}
