using MotCua.Web.Calendar;
using MotCua.Web.Catalog;

namespace MotCua.Web.Dossiers;

internal static class DossierTime
{
    public static DateTime ToSecond(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    public static DateOnly VietnamDate(DateTime utc) => DateOnly.FromDateTime(VietnamTime.FromUtc(utc).DateTime);

    /// <summary>The due moment for a dossier received at <paramref name="receivedAtUtc"/>, in the handling unit's working time.</summary>
    public static async Task<DateTime> DueAsync(IWorkingCalendar calendars, string handlingUnitCode, DateTime receivedAtUtc, GetProcedure.Time time, CancellationToken cancellationToken)
    {
        var unit = time.Unit switch
        {
            TimeUnit.WorkingDays => DurationUnit.WorkingDays,
            TimeUnit.HalfDays => DurationUnit.HalfDays,
            TimeUnit.WorkingHours => DurationUnit.WorkingHours,
            TimeUnit.CalendarDays => DurationUnit.CalendarDays,
        };
        var due = await calendars.DueAsync(handlingUnitCode, VietnamTime.FromUtc(receivedAtUtc), new Calendar.ProcessingTime(time.Amount, unit),
            new DueOptions(time.SameDayCutoff), cancellationToken);
        return due.UtcDateTime;
    }

    public static string NewTrackingSecret()
    {
        // No 0/O or 1/I/L: read aloud over the phone and typed from paper without mistakes.
        const string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return string.Create(8, alphabet, (span, a) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = a[System.Security.Cryptography.RandomNumberGenerator.GetInt32(a.Length)];
            }
        });
    }
}
