namespace MotCua.Web.Calendar;

// Working-time arithmetic. Every moment maps to a "working clock": the working time elapsed from the
// start of the calendar's range up to that moment, standing still outside office hours and on days
// off. Working time between two moments is then a subtraction, and adding working time is one
// division back through _workingDays. All quantities are ticks.
internal sealed partial class WorkingCalendar
{
    private readonly long _morningStart;
    private readonly long _morningEnd;
    private readonly long _afternoonStart;
    private readonly long _afternoonEnd;
    private readonly long _morningLength;
    private readonly long _dayLength;
    private readonly long _totalWorking;

    /// <summary>
    /// The moment counting can start from <paramref name="moment"/>: itself during office hours,
    /// the afternoon start during the lunch break, the morning start before opening, and the next
    /// working morning from closing time on, or on a day off.
    /// </summary>
    public DateTime NormalizeStart(DateTime moment)
    {
        int day = Split(LocalTime.Ticks(moment, nameof(moment)), out long time, nameof(moment));
        return new DateTime(Normalized(day, time, nameof(moment)));
    }

    /// <summary><see cref="NormalizeStart"/> after applying the unit's same-day cut-off.</summary>
    public DateTime EffectiveStart(DateTime receivedAt, DueOptions options) =>
        new(EffectiveStartTicks(receivedAt, options));

    /// <summary>
    /// The earliest moment by which <paramref name="workingDuration"/> of working time has elapsed
    /// after <paramref name="start"/>. A count that runs out exactly at closing (or at the lunch
    /// break) ends then, not at the next opening: 8 h from Monday 07:00 is Monday 17:00.
    /// A zero duration returns <paramref name="start"/> unchanged.
    /// </summary>
    public DateTime AddWorkingTime(DateTime start, TimeSpan workingDuration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDuration, TimeSpan.Zero);
        return AddWorking(LocalTime.Ticks(start, nameof(start)), workingDuration.Ticks);
    }

    /// <summary>
    /// The due moment of a dossier received at <paramref name="receivedAt"/>. Working units count
    /// from <see cref="EffectiveStart"/>; calendar days end at closing time of the last day, moved to
    /// the next working day when that day is off.
    /// </summary>
    public DateTime Due(DateTime receivedAt, ProcessingTime time, DueOptions options)
    {
        long start = EffectiveStartTicks(receivedAt, options);
        return time.Unit == DurationUnit.CalendarDays
            ? CalendarDue(start, time.Amount)
            : AddWorking(start, WorkingTicks(time));
    }

    /// <summary>The working time a processing time stands for; a half-day is half a working day (4 h by default).</summary>
    public TimeSpan ToWorkingTime(ProcessingTime time) => new(WorkingTicks(time));

    public TimeSpan WorkingTimeBetween(DateTime from, DateTime to) => WorkingTimeBetween(from, to, []);

    /// <summary>
    /// Working time elapsed from <paramref name="from"/> to <paramref name="to"/>, less the working
    /// time inside the <paramref name="excluded"/> intervals (e.g. suspensions); overlapping
    /// intervals count once.
    /// </summary>
    public TimeSpan WorkingTimeBetween(DateTime from, DateTime to, IEnumerable<(DateTime From, DateTime To)> excluded)
    {
        ArgumentNullException.ThrowIfNull(excluded);
        long a = LocalTime.Ticks(from, nameof(from));
        long b = LocalTime.Ticks(to, nameof(to));
        if (b < a)
        {
            throw new ArgumentException("The end precedes the start.", nameof(to));
        }

        long working = ClockAt(b, nameof(to)) - ClockAt(a, nameof(from));
        foreach (var (start, end) in ClipAndMerge(excluded, a, b))
        {
            working -= ClockAt(end, nameof(excluded)) - ClockAt(start, nameof(excluded));
        }

        return new TimeSpan(working);
    }

    private static List<(long Start, long End)> ClipAndMerge(IEnumerable<(DateTime From, DateTime To)> intervals, long from, long to)
    {
        var clipped = new List<(long Start, long End)>();
        foreach (var (start, end) in intervals)
        {
            long s = LocalTime.Ticks(start, nameof(intervals));
            long e = LocalTime.Ticks(end, nameof(intervals));
            if (e < s)
            {
                throw new ArgumentException("An excluded interval ends before it starts.", nameof(intervals));
            }

            (s, e) = (Math.Max(s, from), Math.Min(e, to));
            if (s < e)
            {
                clipped.Add((s, e));
            }
        }

        clipped.Sort();
        var merged = new List<(long Start, long End)>(clipped.Count);
        foreach (var (s, e) in clipped)
        {
            if (merged.Count > 0 && s <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, e));
            }
            else
            {
                merged.Add((s, e));
            }
        }

        return merged;
    }

    private long EffectiveStartTicks(DateTime receivedAt, DueOptions options)
    {
        int day = Split(LocalTime.Ticks(receivedAt, nameof(receivedAt)), out long time, nameof(receivedAt));

        // Unit rule: intake after the same-day cut-off counts from the next working morning.
        return options.SameDayCutoff is { } cutoff && time > cutoff.Ticks && IsWorking(day)
            ? At(NextWorking(day, nameof(receivedAt)), _morningStart)
            : Normalized(day, time, nameof(receivedAt));
    }

    private long Normalized(int day, long time, string name)
    {
        if (IsWorking(day) && time < _afternoonEnd)
        {
            if (time < _morningStart)
            {
                return At(day, _morningStart);
            }

            return time >= _morningEnd && time < _afternoonStart ? At(day, _afternoonStart) : At(day, time);
        }

        return At(NextWorking(day, name), _morningStart);
    }

    private DateTime AddWorking(long start, long duration)
    {
        long clock = ClockAt(start, nameof(start));
        if (duration == 0)
        {
            return new DateTime(start);
        }

        if (duration > _totalWorking - clock)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), "The due moment lies after the calendar's years.");
        }

        // Working day k covers clock values (k*L, (k+1)*L]: the half-open end puts a count that
        // runs out at closing on that day's 17:00 rather than the next day's 07:00.
        long target = clock + duration;
        long k = (target - 1) / _dayLength;
        long within = target - (k * _dayLength);
        long time = within <= _morningLength ? _morningStart + within : _afternoonStart + (within - _morningLength);
        return new DateTime(At(_workingDays[k], time));
    }

    // Civil Code 2015 Art. 147(2) and 148(5), applied to calendar-day times under Decree 61/2018 and
    // Circular 01/2018/TT-VPCP: the count starts the day after intake, and a period whose last day
    // is a day off ends at the close of the next working day. Ending at closing rather than at the
    // intake's time of day matches "trả kết quả trong ngày" and date-level judging.
    private DateTime CalendarDue(long start, int days)
    {
        int startDay = Split(start, out _, nameof(start));
        long nominal = (long)startDay + days;
        if (nominal >= _workingBefore.Length - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(days), "The due date lies after the calendar's years.");
        }

        return new DateTime(At(WorkingOnOrAfter((int)nominal, nameof(days)), _afternoonEnd));
    }

    private long WorkingTicks(ProcessingTime time) => time.Unit switch
    {
        DurationUnit.WorkingDays => checked(_dayLength * time.Amount),
        DurationUnit.HalfDays => checked(_dayLength * time.Amount / 2),
        DurationUnit.WorkingHours => checked(TimeSpan.TicksPerHour * time.Amount),
        _ => throw new ArgumentException("Calendar days are not an amount of working time.", nameof(time)),
    };

    private long ClockAt(long ticks, string name)
    {
        int day = Split(ticks, out long time, name);
        long clock = _workingBefore[day] * _dayLength;
        return IsWorking(day) ? clock + WithinDay(time) : clock;
    }

    private long WithinDay(long time) =>
        time <= _morningStart ? 0
        : time < _morningEnd ? time - _morningStart
        : time <= _afternoonStart ? _morningLength
        : time < _afternoonEnd ? _morningLength + (time - _afternoonStart)
        : _dayLength;

    private int Split(long ticks, out long time, string name)
    {
        long dayNumber = ticks / TimeSpan.TicksPerDay;
        time = ticks - (dayNumber * TimeSpan.TicksPerDay);
        return CheckedIndex(dayNumber - _firstDayNumber, name);
    }

    private long At(int day, long time) => ((_firstDayNumber + day) * TimeSpan.TicksPerDay) + time;
}
