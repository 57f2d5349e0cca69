namespace MotCua.Web.Calendar;

internal enum Timeliness
{
    Early,
    OnTime,
    Late,
}

/// <summary>
/// The running deadline of one dossier as an immutable value; every event returns a new one.
/// <see cref="OriginalDue"/> is the legal due, moved only by suspensions and restarts;
/// <see cref="Due"/> is the appointment given to the citizen, which one re-appointment may move
/// later. Times follow <see cref="LocalTime"/>.
/// </summary>
internal sealed record Deadline
{
    private Deadline(ProcessingTime time, DueOptions options, DateTime start, TimeSpan remaining, DateTime due)
    {
        Time = time;
        Options = options;
        Start = start;
        Remaining = remaining;
        OriginalDue = due;
        Due = due;
    }

    public ProcessingTime Time { get; }

    public DueOptions Options { get; }

    /// <summary>Where the running count starts: the effective intake, resumption or restart moment.</summary>
    public DateTime Start { get; private init; }

    /// <summary>Left to count from <see cref="Start"/>: working time, or whole days for calendar-day times.</summary>
    public TimeSpan Remaining { get; private init; }

    public DateTime OriginalDue { get; private init; }

    public DateTime Due { get; private init; }

    /// <summary>Set while suspended; the dues then stand as before the suspension until <see cref="Resume"/>.</summary>
    public DateTime? PausedAt { get; private init; }

    public bool IsExtended { get; private init; }

    public static Deadline Open(WorkingCalendar calendar, DateTime receivedAt, ProcessingTime time, DueOptions options)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var start = calendar.EffectiveStart(receivedAt, options);
        var remaining = time.Unit == DurationUnit.CalendarDays
            ? TimeSpan.FromDays(time.Amount)
            : calendar.ToWorkingTime(time);
        return new(time, options, start, remaining, DueFrom(calendar, time.Unit, start, remaining));
    }

    /// <summary>Whole dates: finished before the due date is early, on it on time, after it late.</summary>
    public static Timeliness Judge(DateTime finishedAt, DateTime originalDue)
    {
        // Circular 01/2018/TT-VPCP practice: dossiers are tallied early/on time/late by return date against the appointment date.
        var finished = LocalTime.Date(finishedAt, nameof(finishedAt));
        var due = LocalTime.Date(originalDue, nameof(originalDue));
        return finished < due ? Timeliness.Early
            : finished == due ? Timeliness.OnTime
            : Timeliness.Late;
    }

    /// <summary>Judges against <see cref="OriginalDue"/>: a re-appointment does not make a late dossier on time.</summary>
    public Timeliness Judge(DateTime finishedAt) => Judge(finishedAt, OriginalDue);

    /// <summary>
    /// Suspends the count (e.g. while the applicant supplements the dossier); the time left
    /// at <paramref name="at"/> is counted again from <see cref="Resume"/>.
    /// </summary>
    public Deadline Pause(DateTime at)
    {
        _ = LocalTime.Ticks(at, nameof(at));
        RequireNotExtended();
        if (PausedAt is not null)
        {
            throw new InvalidOperationException("The deadline is already paused.");
        }

        // A suspension cannot cure lateness that has already occurred.
        return at < OriginalDue
            ? this with { PausedAt = at }
            : throw new ArgumentOutOfRangeException(nameof(at), at, "The deadline has already passed.");
    }

    /// <summary>Resumes a suspended count: what was left at the pause counts from <paramref name="at"/>.</summary>
    public Deadline Resume(DateTime at, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var pausedAt = RequirePausedBefore(at);
        if (Time.Unit != DurationUnit.CalendarDays)
        {
            var (from, left, due) = ResumeWorkingTime(calendar, Start, pausedAt, OriginalDue, at);
            return Resumed(from, left, due);
        }

        var days = TimeSpan.FromDays(Math.Max(0, (Start.Date + Remaining - Later(pausedAt, Start).Date).Days));
        var start = ResumeFrom(calendar, Start, at);
        return Resumed(start, days, DueFrom(calendar, Time.Unit, start, days));
    }

    /// <summary>
    /// A count of working time that started at <paramref name="start"/>, stopped at <paramref name="pausedAt"/> and runs
    /// again at <paramref name="resumedAt"/>: where it counts from, the working time left of it before <paramref name="due"/>,
    /// and the new due. Shared with the live dossier (ProcessingClock), so the two cannot drift.
    /// </summary>
    public static (DateTime Start, TimeSpan Remaining, DateTime Due) ResumeWorkingTime(WorkingCalendar calendar, DateTime start,
        DateTime pausedAt, DateTime due, DateTime resumedAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);

        // Decree 61/2018 (now Decree 118/2025): the processing time runs from the start of the count, so time before it
        // (e.g. after the cut-off on intake day) was never counted.
        var remaining = calendar.WorkingTimeBetween(Later(pausedAt, start), due);
        var from = ResumeFrom(calendar, start, resumedAt);
        return (from, remaining, calendar.AddWorkingTime(from, remaining));
    }

    /// <summary>
    /// Where a count that started at <paramref name="start"/> runs again from after a stop ending at <paramref name="resumedAt"/>:
    /// the next working moment (lunch, closing and days off skipped; the intake cut-off is not applied, as the dossier was
    /// received already), and never before the count first started.
    /// </summary>
    public static DateTime ResumeFrom(WorkingCalendar calendar, DateTime start, DateTime resumedAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Later(calendar.NormalizeStart(resumedAt), start);
    }

    /// <summary>
    /// The complete dossier arrived at <paramref name="receivedAt"/>: the full processing time
    /// counts again from there, under the same intake rules.
    /// </summary>
    public Deadline Restart(DateTime receivedAt, WorkingCalendar calendar)
    {
        RequireNotExtended();
        if (PausedAt is not null)
        {
            _ = RequirePausedBefore(receivedAt);
        }

        return Open(calendar, receivedAt, Time, Options);
    }

    /// <summary>
    /// A new appointment ("Phiếu xin lỗi và hẹn lại ngày trả kết quả"), allowed once. The original
    /// due is kept, so <see cref="Judge(DateTime)"/> still reports the dossier late.
    /// </summary>
    public Deadline Extend(DateTime newDue)
    {
        // Decree 61/2018 (now Decree 118/2025): a dossier running late gets an apology and a new appointment.
        _ = LocalTime.Ticks(newDue, nameof(newDue));
        RequireNotExtended();
        if (PausedAt is not null)
        {
            throw new InvalidOperationException("A suspended deadline cannot be extended.");
        }

        return newDue > Due
            ? this with { Due = newDue, IsExtended = true }
            : throw new ArgumentOutOfRangeException(nameof(newDue), newDue, "The new appointment must be later than the current one.");
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    private Deadline Resumed(DateTime start, TimeSpan remaining, DateTime due) =>
        this with { Start = start, Remaining = remaining, OriginalDue = due, Due = due, PausedAt = null };

    private static DateTime DueFrom(WorkingCalendar calendar, DurationUnit unit, DateTime start, TimeSpan remaining) =>
        unit == DurationUnit.CalendarDays
            ? calendar.Due(start, new ProcessingTime(remaining.Days, DurationUnit.CalendarDays), DueOptions.None)
            : calendar.AddWorkingTime(start, remaining);

    private void RequireNotExtended()
    {
        if (IsExtended)
        {
            throw new InvalidOperationException("The deadline has already been extended once; it can no longer change.");
        }
    }

    private DateTime RequirePausedBefore(DateTime at)
    {
        if (PausedAt is not { } pausedAt)
        {
            throw new InvalidOperationException("The deadline is not paused.");
        }

        return at >= pausedAt ? pausedAt : throw new ArgumentOutOfRangeException(nameof(at), at, "The count cannot resume before the pause.");
    }
}
