namespace MotCua.Web.Calendar;

/// <summary>
/// One unit's working time: the national days off with the unit's office hours. Immutable and cheap
/// to use many times (every call is O(1) or O(log n)). Moments come in as any
/// <see cref="DateTimeOffset"/> and go out at +07:00; <see cref="Deadline"/> values hold Vietnamese
/// wall-clock times, which <see cref="VietnamTime.FromLocal"/> turns back into moments.
/// </summary>
internal sealed class UnitCalendar(string? unitCode, WorkingCalendar engine, long revision)
{
    public string? UnitCode => unitCode;

    public WorkingHours Hours => engine.Hours;

    /// <summary>The calendar revision this view was built from.</summary>
    public long Revision => revision;

    /// <summary>The engine itself, in Vietnamese wall-clock time, for batch work such as reports.</summary>
    public WorkingCalendar Engine => engine;

    public bool IsWorkingDay(DateOnly date) => engine.IsWorkingDay(date);

    public CalendarDay? DescribeDay(DateOnly date) => engine.DescribeDay(date);

    /// <summary>Where the count starts for a dossier received at <paramref name="receivedAt"/> (lunch, closing and cut-off rules applied).</summary>
    public DateTimeOffset EffectiveStart(DateTimeOffset receivedAt, DueOptions options) =>
        VietnamTime.FromLocal(engine.EffectiveStart(VietnamTime.ToLocal(receivedAt), options));

    /// <summary>The due moment (ngày hẹn trả) of <paramref name="time"/> counted from <paramref name="receivedAt"/>.</summary>
    public DateTimeOffset Due(DateTimeOffset receivedAt, ProcessingTime time, DueOptions options) =>
        VietnamTime.FromLocal(engine.Due(VietnamTime.ToLocal(receivedAt), time, options));

    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan workingDuration) =>
        VietnamTime.FromLocal(engine.AddWorkingTime(VietnamTime.ToLocal(start), workingDuration));

    /// <summary>Working time from <paramref name="from"/> to <paramref name="to"/>, less the excluded intervals (suspensions, legal waits).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to, IEnumerable<(DateTimeOffset From, DateTimeOffset To)>? excluded = null) =>
        engine.WorkingTimeBetween(VietnamTime.ToLocal(from), VietnamTime.ToLocal(to),
            (excluded ?? []).Select(e => (VietnamTime.ToLocal(e.From), VietnamTime.ToLocal(e.To))));

    /// <summary>The listed days off (holidays, compensatory and swapped days) dated from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public IReadOnlyList<CalendarDay> SkippedDaysBetween(DateTimeOffset from, DateTimeOffset to) =>
        engine.SkippedDaysBetween(VietnamTime.ToLocal(from), VietnamTime.ToLocal(to));

    /// <summary>Early, on time or late, by Vietnamese date, against the original due date.</summary>
    public static Timeliness Judge(DateTimeOffset finishedAt, DateTimeOffset originalDue) =>
        Deadline.Judge(VietnamTime.ToLocal(finishedAt), VietnamTime.ToLocal(originalDue));

    public Deadline Open(DateTimeOffset receivedAt, ProcessingTime time, DueOptions options) =>
        Deadline.Open(engine, VietnamTime.ToLocal(receivedAt), time, options);

    public static Deadline Pause(Deadline deadline, DateTimeOffset at) => deadline.Pause(VietnamTime.ToLocal(at));

    public Deadline Resume(Deadline deadline, DateTimeOffset at) => deadline.Resume(VietnamTime.ToLocal(at), engine);

    public Deadline Restart(Deadline deadline, DateTimeOffset completeAt) => deadline.Restart(VietnamTime.ToLocal(completeAt), engine);

    public static Deadline Extend(Deadline deadline, DateTimeOffset newDue) => deadline.Extend(VietnamTime.ToLocal(newDue));
}
