using System.Collections.Frozen;
using System.Globalization;

namespace MotCua.Web.Calendar;

/// <summary>
/// One unit's working days and office hours over a range of whole years, precomputed so that
/// every query is O(1) (or O(log n) for listing skipped days): nothing walks day by day or minute
/// by minute.
/// Times follow <see cref="LocalTime"/>. Immutable, hence safe to share between threads.
/// </summary>
internal sealed partial class WorkingCalendar
{
    private readonly int _firstDayNumber;

    // _workingBefore[i] = working days among the first i days of the range (length = days + 1).
    private readonly int[] _workingBefore;

    // _workingDays[k] = index of the k-th working day of the range (the inverse of _workingBefore).
    private readonly int[] _workingDays;

    private readonly FrozenDictionary<DateOnly, CalendarDay> _overrides;

    // Overrides that make a day non-working, by date, for explaining skipped days.
    private readonly CalendarDay[] _daysOff;
    private readonly DateOnly[] _daysOffDates;

    /// <param name="firstYear">First year covered, e.g. 1900.</param>
    /// <param name="lastYear">Last year covered (inclusive), e.g. 2100.</param>
    /// <param name="days">Days that depart from the Monday–Friday week; at most one per date, all inside the range.</param>
    /// <param name="hours">The unit's office hours.</param>
    public WorkingCalendar(int firstYear, int lastYear, IEnumerable<CalendarDay> days, WorkingHours hours)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstYear, DateOnly.MinValue.Year);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lastYear, DateOnly.MaxValue.Year - 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstYear, lastYear);

        var first = new DateOnly(firstYear, 1, 1);
        var end = new DateOnly(lastYear + 1, 1, 1);
        _firstDayNumber = first.DayNumber;
        int dayCount = end.DayNumber - first.DayNumber;

        var overrides = new Dictionary<DateOnly, CalendarDay>();
        foreach (var day in days)
        {
            if (day.Date < first || day.Date >= end)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Calendar day {day.Date:O} lies outside {firstYear}–{lastYear}."), nameof(days));
            }

            if (!overrides.TryAdd(day.Date, day))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Calendar day {day.Date:O} is listed twice."), nameof(days));
            }
        }

        _overrides = overrides.ToFrozenDictionary();
        _daysOff = [.. overrides.Values.Where(d => d.Kind != CalendarDayKind.SwapWork).OrderBy(d => d.Date)];
        _daysOffDates = [.. _daysOff.Select(d => d.Date)];

        _workingBefore = new int[dayCount + 1];
        var workingDays = new List<int>((dayCount * 5 / 7) + 1);
        for (int i = 0; i < dayCount; i++)
        {
            var date = DateOnly.FromDayNumber(_firstDayNumber + i);
            if (IsWorkingByRule(date, overrides.GetValueOrDefault(date)))
            {
                workingDays.Add(i);
            }

            _workingBefore[i + 1] = workingDays.Count;
        }

        _workingDays = [.. workingDays];
        Hours = hours;
        (_morningStart, _morningEnd, _afternoonStart, _afternoonEnd) =
            (hours.MorningStart.Ticks, hours.MorningEnd.Ticks, hours.AfternoonStart.Ticks, hours.AfternoonEnd.Ticks);
        _morningLength = _morningEnd - _morningStart;
        _dayLength = hours.DayLength.Ticks;
        _totalWorking = _workingDays.Length * _dayLength;
    }

    public WorkingHours Hours { get; }

    public bool IsWorkingDay(DateOnly date) => IsWorking(Index(date, nameof(date)));

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date) => DateAt(NextWorking(Index(date, nameof(date)), nameof(date)));

    /// <summary>The first working day on or after <paramref name="date"/>.</summary>
    public DateOnly WorkingDayOnOrAfter(DateOnly date) => DateAt(WorkingOnOrAfter(Index(date, nameof(date)), nameof(date)));

    /// <summary>
    /// The <paramref name="count"/>-th working day strictly after (count &gt; 0) or strictly before
    /// (count &lt; 0) <paramref name="date"/>; count 0 returns the date unchanged.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int count)
    {
        int i = Index(date, nameof(date));
        if (count == 0)
        {
            return date;
        }

        // Working days before day i are numbered 0.._workingBefore[i]-1; those after it start at _workingBefore[i+1].
        long k = count > 0 ? (long)_workingBefore[i + 1] + count - 1 : (long)_workingBefore[i] + count;
        return k >= 0
            ? DateAt(WorkingAt(k, nameof(count)))
            : throw new ArgumentOutOfRangeException(nameof(count), count, "The result lies before the calendar's years.");
    }

    /// <summary>Working days in [<paramref name="fromInclusive"/>, <paramref name="toExclusive"/>); negative when the bounds are reversed.</summary>
    public int CountWorkingDays(DateOnly fromInclusive, DateOnly toExclusive) =>
        _workingBefore[BoundaryIndex(toExclusive, nameof(toExclusive))] - _workingBefore[BoundaryIndex(fromInclusive, nameof(fromInclusive))];

    /// <summary>Why a date departs from the ordinary week (holiday, compensatory day, swap), or null.</summary>
    public CalendarDay? DescribeDay(DateOnly date) => _overrides.GetValueOrDefault(date);

    /// <summary>
    /// The listed days off (holidays, compensatory and swapped days, including those falling on a
    /// weekend) dated from <paramref name="from"/>'s date to <paramref name="to"/>'s date inclusive:
    /// what a citizen needs explained when a due date is later than expected. Ordinary weekends are
    /// not listed.
    /// </summary>
    public IReadOnlyList<CalendarDay> SkippedDaysBetween(DateTime from, DateTime to)
    {
        var first = LocalTime.Date(from, nameof(from));
        var last = LocalTime.Date(to, nameof(to));
        if (last < first)
        {
            throw new ArgumentException("The end precedes the start.", nameof(to));
        }

        return _daysOff[LowerBound(first)..LowerBound(last.AddDays(1))];
    }

    // Weekly rest is Saturday and Sunday in state agencies (Labor Code 2019 Art. 111; the 40-hour week of
    // Decision 188/1999/QĐ-TTg). Holidays (Art. 112), compensatory days for holidays falling on a weekly
    // rest day (Art. 111(3)) and swapped days come from the list.
    private static bool IsWorkingByRule(DateOnly date, CalendarDay? listed) => listed?.Kind switch
    {
        CalendarDayKind.SwapWork => true,
        null => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday),
        _ => false,
    };

    private int LowerBound(DateOnly date)
    {
        int found = Array.BinarySearch(_daysOffDates, date);
        return found >= 0 ? found : ~found;
    }

    private bool IsWorking(int index) => _workingBefore[index + 1] != _workingBefore[index];

    private int NextWorking(int index, string name) => WorkingAt(_workingBefore[index + 1], name);

    private int WorkingOnOrAfter(int index, string name) => WorkingAt(_workingBefore[index], name);

    private int WorkingAt(long k, string name) => k < _workingDays.Length
        ? _workingDays[k]
        : throw new ArgumentOutOfRangeException(name, "The result lies after the calendar's years.");

    private DateOnly DateAt(int index) => DateOnly.FromDayNumber(_firstDayNumber + index);

    private int Index(DateOnly date, string name) => CheckedIndex((long)date.DayNumber - _firstDayNumber, name);

    // A half-open bound may be the day after the last one.
    private int BoundaryIndex(DateOnly date, string name)
    {
        long index = (long)date.DayNumber - _firstDayNumber;
        return index >= 0 && index < _workingBefore.Length
            ? (int)index
            : throw new ArgumentOutOfRangeException(name, date, "Outside the calendar's years.");
    }

    private int CheckedIndex(long index, string name) => index >= 0 && index < _workingBefore.Length - 1
        ? (int)index
        : throw new ArgumentOutOfRangeException(name, "Outside the calendar's years.");
}
