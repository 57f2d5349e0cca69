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
    /// the working time left when the clock stopped counts on from it (see <see cref="Resumed"/>).
    /// </summary>
    public static DateTime DueAfterSupplement(UnitCalendar calendar, SupplementRule rule, DateTime countStart, DateTime pausedAt, DateTime dueAt,
        DateTime arrivedAt, ProcessingTime time, DueOptions options)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var arrived = VietnamTime.FromUtc(arrivedAt);
        return rule switch
        {
            SupplementRule.Restart => calendar.Due(arrived, time, options).UtcDateTime,
            SupplementRule.Pause => Resumed(calendar, countStart, pausedAt, dueAt, arrivedAt),
        };
    }

    /// <summary>
    /// The due moment once a clock whose count started at <paramref name="countStart"/> and stopped at <paramref name="pausedAt"/>
    /// runs again at <paramref name="resumedAt"/>: only the working time actually counted is spent, the rest counts on.
    /// </summary>
    public static DateTime Resumed(UnitCalendar calendar, DateTime countStart, DateTime pausedAt, DateTime dueAt, DateTime resumedAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Utc(Deadline.ResumeWorkingTime(calendar.Engine, Local(countStart), Local(pausedAt), Local(dueAt), Local(resumedAt)).Due);
    }

    /// <summary>
    /// Where the dossier's current count started: the effective intake, moved by each closed stop to the restart (intake
    /// rules again) or to the resumption. Derived from the stops the dossier keeps, so it needs no fact of its own.
    /// </summary>
    public static DateTime CountStart(UnitCalendar calendar, DateTime receivedAt, IEnumerable<DossierSuspension> suspensions, DueOptions options)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var engine = calendar.Engine;
        var start = engine.EffectiveStart(Local(receivedAt), options);
        foreach (var stop in suspensions.Where(s => s.To is not null).OrderBy(s => s.From))
        {
            var to = Local(stop.To!.Value);
            start = stop.Rule switch
            {
                SupplementRule.Restart => engine.EffectiveStart(to, options),
                SupplementRule.Pause => Deadline.ResumeFrom(engine, start, to),
            };
        }

        return Utc(start);
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

    /// <summary>
    /// <paramref name="moment"/> moved by the working time between <paramref name="from"/> and the later <paramref name="to"/>:
    /// a step's deadline once the dossier's due date moves from one to the other.
    /// </summary>
    public static DateTime Moved(UnitCalendar calendar, DateTime moment, DateTime from, DateTime to)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var added = calendar.WorkingTimeBetween(VietnamTime.FromUtc(from), VietnamTime.FromUtc(to));
        return calendar.AddWorkingTime(VietnamTime.FromUtc(moment), added).UtcDateTime;
    }

    /// <summary>Working time left until <paramref name="dueAt"/> (negative once late: the working time overdue).</summary>
    public static TimeSpan WorkingTimeLeft(UnitCalendar calendar, DateTime now, DateTime dueAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var from = VietnamTime.FromUtc(now);
        var to = VietnamTime.FromUtc(dueAt);
        return from <= to ? calendar.WorkingTimeBetween(from, to) : -calendar.WorkingTimeBetween(to, from);
    }

    private static DateTime Local(DateTime utc) => VietnamTime.ToLocal(VietnamTime.FromUtc(utc));

    private static DateTime Utc(DateTime local) => VietnamTime.FromLocal(local).UtcDateTime;
}
