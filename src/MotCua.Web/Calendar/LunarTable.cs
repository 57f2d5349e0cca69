namespace MotCua.Web.Calendar;

/// <summary>
/// Precomputed months of a lunisolar calendar for a time zone: each month starts
/// on the local day of a new moon; month 11 contains the winter solstice; in a
/// year (solstice to solstice) with 13 months, the first month without a major
/// solar term (trung khí) is the leap month.
/// </summary>
internal sealed class LunarTable
{
    private readonly int[] _starts;       // first day (DateOnly.DayNumber) of each month, plus the day after the last month
    private readonly int[] _years;
    private readonly int[] _numbers;
    private readonly bool[] _leaps;
    private readonly int[] _yearFirstMonth; // index of month 1 of each year, plus one past the last month

    private LunarTable(int firstYear, int lastYear, List<Month> months)
    {
        FirstYear = firstYear;
        LastYear = lastYear;
        int n = months.Count - 1; // the last entry only marks where the table ends
        _starts = new int[n + 1];
        _years = new int[n];
        _numbers = new int[n];
        _leaps = new bool[n];
        _yearFirstMonth = new int[lastYear - firstYear + 2];
        for (int i = 0; i <= n; i++)
        {
            _starts[i] = months[i].Start;
            if (i == n)
            {
                break;
            }

            _years[i] = months[i].Year;
            _numbers[i] = months[i].Number;
            _leaps[i] = months[i].IsLeap;
            if (months[i].Number == 1 && !months[i].IsLeap)
            {
                _yearFirstMonth[months[i].Year - firstYear] = i;
            }
        }

        _yearFirstMonth[^1] = n;
    }

    internal int FirstYear { get; }

    internal int LastYear { get; }

    /// <summary>First day (DateOnly.DayNumber) covered by the table: Tết of FirstYear.</summary>
    internal int FirstDay => _starts[0];

    /// <summary>Day after the last day covered: Tết of LastYear + 1.</summary>
    internal int EndDay => _starts[^1];

    /// <summary>Computes lunar years <paramref name="firstYear"/>..<paramref name="lastYear"/> for a UTC offset in hours.</summary>
    internal static LunarTable Build(int firstYear, int lastYear, double utcOffsetHours)
    {
        double offsetDays = utcOffsetHours / 24.0;

        // New moons from before the solstice that opens firstYear to after the one that closes lastYear + 1.
        int firstK = Astronomy.LunationBefore(JulianDayOf(new DateOnly(firstYear - 1, 11, 1))) - 1;
        int lastK = Astronomy.LunationBefore(JulianDayOf(new DateOnly(lastYear + 2, 1, 31))) + 1;
        int count = lastK - firstK + 1;

        var starts = new int[count];
        var terms = new int[count]; // number of major terms (multiples of 30° of solar longitude) passed at local midnight of each start
        double previous = 0;
        int turns = 0;
        for (int i = 0; i < count; i++)
        {
            double newMoonUt = Astronomy.NewMoon(firstK + i);
            newMoonUt -= Astronomy.DeltaTDays(newMoonUt);
            starts[i] = (int)Math.Floor(newMoonUt + offsetDays - Astronomy.DayNumberToJulianDay);

            double midnightUt = starts[i] + Astronomy.DayNumberToJulianDay - offsetDays;
            double longitude = Astronomy.SunApparentLongitude(midnightUt + Astronomy.DeltaTDays(midnightUt));
            if (i > 0 && longitude < previous)
            {
                turns++;
            }

            previous = longitude;
            terms[i] = (int)Math.Floor(((turns * 360.0) + longitude) / 30.0);
        }

        // Month i spans [starts[i], starts[i + 1]); it holds the solstice (270°) when it passes a term ≡ 9 (mod 12).
        var solsticeMonths = new List<int>();
        for (int i = 0; i + 1 < count; i++)
        {
            for (int t = terms[i] + 1; t <= terms[i + 1]; t++)
            {
                if (t % 12 == 9)
                {
                    solsticeMonths.Add(i);
                }
            }
        }

        var months = new List<Month>();
        int year = DateOnly.FromDayNumber(starts[solsticeMonths[0]]).Year;
        for (int s = 0; s + 1 < solsticeMonths.Count; s++)
        {
            int from = solsticeMonths[s], to = solsticeMonths[s + 1];
            int leap = -1;
            if (to - from == 13)
            {
                for (int i = from + 1; i < to && leap < 0; i++)
                {
                    if (terms[i + 1] == terms[i])
                    {
                        leap = i;
                    }
                }
            }

            int number = 11;
            for (int i = from; i < to; i++)
            {
                bool isLeap = i == leap;
                if (i > from && !isLeap)
                {
                    number = (number % 12) + 1;
                }

                if (number == 1 && !isLeap)
                {
                    year = DateOnly.FromDayNumber(starts[i]).Year;
                }

                if (year > lastYear)
                {
                    months.Add(new Month(starts[i], year, number, isLeap));
                    return new LunarTable(firstYear, lastYear, months);
                }

                if (year >= firstYear)
                {
                    months.Add(new Month(starts[i], year, number, isLeap));
                }
            }
        }

        throw new InvalidOperationException("Not enough new moons computed to close the last lunar year.");
    }

    internal bool Contains(int dayNumber) => dayNumber >= FirstDay && dayNumber < EndDay;

    internal LunarDate ToLunar(int dayNumber)
    {
        int i = Array.BinarySearch(_starts, dayNumber);
        if (i < 0)
        {
            i = ~i - 1;
        }

        return new LunarDate(_years[i], _numbers[i], dayNumber - _starts[i] + 1, _leaps[i]);
    }

    /// <summary>Day number of a lunar date, or null when no such date exists in the table.</summary>
    internal int? ToDayNumber(LunarDate date)
    {
        if (date.Year < FirstYear || date.Year > LastYear || date.Day < 1)
        {
            return null;
        }

        int end = _yearFirstMonth[date.Year - FirstYear + 1];
        for (int i = _yearFirstMonth[date.Year - FirstYear]; i < end; i++)
        {
            if (_numbers[i] == date.Month && _leaps[i] == date.IsLeapMonth)
            {
                int day = _starts[i] + date.Day - 1;
                return day < _starts[i + 1] ? day : null;
            }
        }

        return null;
    }

    /// <summary>The leap month of a lunar year, or 0 when it has none.</summary>
    internal int LeapMonth(int year)
    {
        int end = _yearFirstMonth[year - FirstYear + 1];
        for (int i = _yearFirstMonth[year - FirstYear]; i < end; i++)
        {
            if (_leaps[i])
            {
                return _numbers[i];
            }
        }

        return 0;
    }

    /// <summary>Day number of the first day (Tết) of a lunar year.</summary>
    internal int NewYear(int year) => _starts[_yearFirstMonth[year - FirstYear]];

    private static double JulianDayOf(DateOnly date) => date.DayNumber + Astronomy.DayNumberToJulianDay;

    private readonly record struct Month(int Start, int Year, int Number, bool IsLeap);
}
