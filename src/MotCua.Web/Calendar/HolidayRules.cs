namespace MotCua.Web.Calendar;

/// <summary>
/// Public holidays generated from the Labor Code for public bodies working
/// Monday–Friday (Decision 188/1999/QĐ-TTg). Official announcements may add
/// swaps or choose other days; <see cref="OfficialCalendars"/> takes precedence.
/// Years before 2014 follow the Labor Code 1994 (Tết 4 days, Hùng Kings' day from 2007);
/// before 1995, when that code did not exist yet, its rules are extrapolated so that
/// every year of the lunar range has a plausible draft for an administrator to correct.
/// </summary>
internal static class HolidayRules
{
    internal const int MinYear = VietnameseLunarCalendar.MinYear;

    internal const int MaxYear = VietnameseLunarCalendar.MaxYear;

    internal const string NewYearName = "Tết Dương lịch";
    internal const string LunarNewYearName = "Tết Nguyên đán";
    internal const string HungKingsName = "Giỗ Tổ Hùng Vương";
    internal const string VictoryDayName = "Ngày Chiến thắng";
    internal const string LabourDayName = "Ngày Quốc tế Lao động";
    internal const string NationalDayName = "Quốc khánh";

    // Labor Code 2019 (45/2019/QH14) took effect on 1/1/2021; Labor Code 2012 on 1/5/2013, so 2014 is
    // its first full year; Labor Code 1994 on 1/1/1995; Law 84/2007/QH11 added Hùng Kings' day in 2007.
    private const int LaborCode2019FirstYear = 2021;
    private const int LaborCode2012FirstYear = 2014;
    private const int LaborCode1994FirstYear = 1995;
    private const int HungKingsFirstYear = 2007;

    private const string Code2012 = "Bộ luật Lao động 2012 (10/2012/QH13)";
    private const string Code2019 = "Bộ luật Lao động 2019 (45/2019/QH14)";
    private const string Code1994 = "Bộ luật Lao động 1994, sửa đổi 2007 (84/2007/QH11)";
    private const string Extrapolated = " — áp dụng ngoại suy cho năm trước 1995, cần đối chiếu";

    internal static IReadOnlyList<CalendarDay> Generate(int year)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Holiday rules cover {MinYear}–{MaxYear}.");
        }

        bool code2019 = year >= LaborCode2019FirstYear;
        bool code1994 = year < LaborCode2012FirstYear;

        // Labor Code 2019, Art. 112.1 (Labor Code 2012, Art. 115.1 before 2021; Labor Code 1994, Art. 73 before 2014).
        // Art. 111.3 (2012: Art. 115.3; 1994: Art. 73): a holiday on a weekly rest day is taken on the next working day.
        string suffix = year < LaborCode1994FirstYear ? Extrapolated : "";
        (string holidaySource, string compensatorySource) = code2019 ? ($"{Code2019}, Điều 112.1", $"{Code2019}, Điều 111.3")
            : code1994 ? ($"{Code1994}, Điều 73{suffix}", $"{Code1994}, Điều 73{suffix}")
            : ($"{Code2012}, Điều 115.1", $"{Code2012}, Điều 115.3");

        var holidays = new List<CalendarDay>();
        void Add(DateOnly date, string name) => holidays.Add(new CalendarDay(date, CalendarDayKind.Holiday, name, holidaySource));

        Add(new DateOnly(year, 1, 1), NewYearName);

        // Tết: 5 days (4 under the 1994 code); the usual government pattern is the last day of the old year plus the first days of the new.
        DateOnly tet = VietnameseLunarCalendar.LunarNewYear(year);
        for (int i = -1; i <= (code1994 ? 2 : 3); i++)
        {
            Add(tet.AddDays(i), LunarNewYearName);
        }

        if (year >= HungKingsFirstYear)
        {
            Add(VietnameseLunarCalendar.ToSolar(new LunarDate(year, 3, 10, IsLeapMonth: false)), HungKingsName);
        }

        Add(new DateOnly(year, 4, 30), VictoryDayName);
        Add(new DateOnly(year, 5, 1), LabourDayName);

        var nationalDay = new DateOnly(year, 9, 2);
        Add(nationalDay, NationalDayName);
        if (code2019)
        {
            // Labor Code 2019, Art. 112.1.đ: 2/9 plus one adjacent day (before or after).
            Add(AdjacentNationalDay(nationalDay), NationalDayName);
        }

        holidays.Sort((a, b) => a.Date.CompareTo(b.Date));
        var taken = new HashSet<DateOnly>(holidays.Select(h => h.Date));
        var result = new List<CalendarDay>(holidays);
        foreach (CalendarDay holiday in holidays.Where(h => IsWeeklyRest(h.Date)))
        {
            // Tết practice in the 2015–2026 announcements: a Saturday is made up on the working day before the break.
            bool backwards = holiday.Name == LunarNewYearName && holiday.Date.DayOfWeek == DayOfWeek.Saturday;
            DateOnly day = NextWorkingDay(holiday.Date, backwards ? -1 : 1, taken);
            taken.Add(day);
            result.Add(new CalendarDay(day, CalendarDayKind.Compensatory, $"Nghỉ bù {holiday.Name}", compensatorySource));
        }

        result.Sort((a, b) => a.Date.CompareTo(b.Date));
        return result;
    }

    /// <summary>Saturday and Sunday are the weekly rest days of public bodies.</summary>
    internal static bool IsWeeklyRest(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>
    /// The adjacent day chosen in the announcements 2021–2026: a working day next to a weekend if there is one
    /// (Mon → 3/9, Tue → 1/9, Thu → 3/9, Fri/Sat → 1/9, Sun → 3/9), else the day before (Wed → 1/9).
    /// </summary>
    private static DateOnly AdjacentNationalDay(DateOnly nationalDay)
    {
        DateOnly before = nationalDay.AddDays(-1), after = nationalDay.AddDays(1);
        bool beforeWorks = !IsWeeklyRest(before), afterWorks = !IsWeeklyRest(after);
        if (beforeWorks != afterWorks)
        {
            return beforeWorks ? before : after;
        }

        return afterWorks && IsWeeklyRest(after.AddDays(1)) && !IsWeeklyRest(before.AddDays(-1)) ? after : before;
    }

    private static DateOnly NextWorkingDay(DateOnly from, int step, HashSet<DateOnly> taken)
    {
        DateOnly day = from.AddDays(step);
        while (IsWeeklyRest(day) || taken.Contains(day))
        {
            day = day.AddDays(step);
        }

        return day;
    }
}
