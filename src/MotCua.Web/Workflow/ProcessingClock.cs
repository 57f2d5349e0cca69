using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;

namespace MotCua.Web.Workflow;

/// <summary>
/// The deadline maths of processing (DESIGN.md §4.5) over one unit's calendar: pure, moments in UTC in and out,
/// so the dossier methods only record the results.
/// </summary>
internal static class ProcessingClock
{
    /// <summary>
    /// The due date once the supplement arrives at <paramref name="arrivedAt"/>: under <see cref="SupplementRule.Restart"/>
    /// the full processing time counts again from the arrival (with the intake rules); under <see cref="SupplementRule.Pause"/>
    /// the working time left when the clock stopped counts on from it.
    /// </summary>
    public static DateTime DueAfterSupplement(UnitCalendar calendar, SupplementRule rule, DateTime pausedAt, DateTime dueAt, DateTime arrivedAt,
        ProcessingTime time, DueOptions options)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var arrived = VietnamTime.FromUtc(arrivedAt);
        return rule switch
        {
            SupplementRule.Restart => calendar.Due(arrived, time, options).UtcDateTime,
            SupplementRule.Pause => Resumed(calendar, pausedAt, dueAt, arrivedAt),
        };
    }

    /// <summary>The due moment once a clock stopped at <paramref name="pausedAt"/> runs again at <paramref name="resumedAt"/>: the working time left counts on.</summary>
    public static DateTime Resumed(UnitCalendar calendar, DateTime pausedAt, DateTime dueAt, DateTime resumedAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddWorkingTime(VietnamTime.FromUtc(resumedAt),
            calendar.WorkingTimeBetween(VietnamTime.FromUtc(pausedAt), VietnamTime.FromUtc(dueAt))).UtcDateTime;
    }

    /// <summary>The last date an apology with a new appointment (form 04) may be issued: the working day before the due date.</summary>
    public static DateOnly LastApologyDate(UnitCalendar calendar, DateTime dueAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var date = DossierTime.VietnamDate(dueAt).AddDays(-1);
        while (!calendar.IsWorkingDay(date))
        {
            date = date.AddDays(-1);
        }

        return date;
    }

    /// <summary>Working time left until <paramref name="dueAt"/> (negative once late: the working time overdue).</summary>
    public static TimeSpan WorkingTimeLeft(UnitCalendar calendar, DateTime now, DateTime dueAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var from = VietnamTime.FromUtc(now);
        var to = VietnamTime.FromUtc(dueAt);
        return from <= to ? calendar.WorkingTimeBetween(from, to) : -calendar.WorkingTimeBetween(to, from);
    }
}
