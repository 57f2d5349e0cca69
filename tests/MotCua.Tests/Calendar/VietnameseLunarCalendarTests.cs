using System.Globalization;
using MotCua.Web.Calendar;

namespace MotCua.Tests.Calendar;

public sealed class VietnameseLunarCalendarTests
{
    // Tết (1st day of the 1st lunar month), Vietnam, 2000–2030. Compiled by hand from published
    // lists of Tết dates (English Wikipedia "Tết", dates table; Vietnamese almanacs) and the yearly
    // government holiday notices; 2007 and 2030 are the years in this span where Vietnam (UTC+7)
    // and China (UTC+8) differ. Not produced by this code.
    public static TheoryData<int, int, int> TetDates => new()
    {
        { 2000, 2, 5 }, { 2001, 1, 24 }, { 2002, 2, 12 }, { 2003, 2, 1 }, { 2004, 1, 22 },
        { 2005, 2, 9 }, { 2006, 1, 29 }, { 2007, 2, 17 }, { 2008, 2, 7 }, { 2009, 1, 26 },
        { 2010, 2, 14 }, { 2011, 2, 3 }, { 2012, 1, 23 }, { 2013, 2, 10 }, { 2014, 1, 31 },
        { 2015, 2, 19 }, { 2016, 2, 8 }, { 2017, 1, 28 }, { 2018, 2, 16 }, { 2019, 2, 5 },
        { 2020, 1, 25 }, { 2021, 2, 12 }, { 2022, 2, 1 }, { 2023, 1, 22 }, { 2024, 2, 10 },
        { 2025, 1, 29 }, { 2026, 2, 17 }, { 2027, 2, 6 }, { 2028, 1, 26 }, { 2029, 2, 13 },
        { 2030, 2, 2 },
    };

    // Giỗ Tổ Hùng Vương (10th day of the 3rd lunar month), 2000–2030. Compiled by hand from the
    // solar dates printed in the yearly holiday notices (2007–2026, e.g. 25/04/2018, 14/04/2019,
    // 10/04/2022, 29/04/2023, 07/04/2025, 26/04/2026) and published almanac lists for other years.
    public static TheoryData<int, int, int> HungKingsDays => new()
    {
        { 2000, 4, 14 }, { 2001, 4, 3 }, { 2002, 4, 22 }, { 2003, 4, 11 }, { 2004, 4, 28 },
        { 2005, 4, 18 }, { 2006, 4, 7 }, { 2007, 4, 26 }, { 2008, 4, 15 }, { 2009, 4, 4 },
        { 2010, 4, 23 }, { 2011, 4, 12 }, { 2012, 3, 31 }, { 2013, 4, 19 }, { 2014, 4, 9 },
        { 2015, 4, 28 }, { 2016, 4, 16 }, { 2017, 4, 6 }, { 2018, 4, 25 }, { 2019, 4, 14 },
        { 2020, 4, 2 }, { 2021, 4, 21 }, { 2022, 4, 10 }, { 2023, 4, 29 }, { 2024, 4, 18 },
        { 2025, 4, 7 }, { 2026, 4, 26 }, { 2027, 4, 16 }, { 2028, 4, 4 }, { 2029, 4, 23 },
        { 2030, 4, 12 },
    };

    // Lunar dates stated next to solar dates in the official Tết notices.
    public static TheoryData<DateOnly, int, int, int> AnnouncedLunarDates => new()
    {
        { new DateOnly(2018, 2, 14), 2017, 12, 29 },
        { new DateOnly(2020, 1, 23), 2019, 12, 29 },
        { new DateOnly(2020, 1, 29), 2020, 1, 5 },
        { new DateOnly(2021, 2, 10), 2020, 12, 29 },
        { new DateOnly(2021, 2, 16), 2021, 1, 5 },
        { new DateOnly(2022, 1, 29), 2021, 12, 27 },
        { new DateOnly(2022, 2, 6), 2022, 1, 6 },
        { new DateOnly(2025, 1, 25), 2024, 12, 26 },
        { new DateOnly(2025, 2, 2), 2025, 1, 5 },
        { new DateOnly(2026, 2, 14), 2025, 12, 27 },
        { new DateOnly(2026, 2, 22), 2026, 1, 6 },
    };

    // Vietnam reckons at UTC+7, China at UTC+8, so a new moon shortly before midnight in Hanoi
    // can start the year a day (1969, 2007, 2030, 2053) or a month (1985) earlier.
    public static TheoryData<int, DateOnly, DateOnly> TetDifferentFromChina => new()
    {
        { 1969, new DateOnly(1969, 2, 16), new DateOnly(1969, 2, 17) },
        { 1985, new DateOnly(1985, 1, 21), new DateOnly(1985, 2, 20) },
        { 2007, new DateOnly(2007, 2, 17), new DateOnly(2007, 2, 18) },
        { 2030, new DateOnly(2030, 2, 2), new DateOnly(2030, 2, 3) },
        { 2053, new DateOnly(2053, 2, 18), new DateOnly(2053, 2, 19) },
    };

    [Theory]
    [MemberData(nameof(TetDates))]
    public void LunarNewYear_matches_published_Tet_dates(int year, int month, int day)
    {
        var expected = new DateOnly(year, month, day);
        Assert.Equal(expected, VietnameseLunarCalendar.LunarNewYear(year));
        Assert.Equal(new LunarDate(year, 1, 1, false), VietnameseLunarCalendar.ToLunar(expected));
    }

    [Theory]
    [MemberData(nameof(HungKingsDays))]
    public void Hung_Kings_day_matches_published_dates(int year, int month, int day)
    {
        var expected = new DateOnly(year, month, day);
        Assert.Equal(expected, VietnameseLunarCalendar.ToSolar(new LunarDate(year, 3, 10, false)));
    }

    [Theory]
    [MemberData(nameof(AnnouncedLunarDates))]
    public void ToLunar_matches_dates_in_official_notices(DateOnly solar, int year, int month, int day)
    {
        Assert.Equal(new LunarDate(year, month, day, false), VietnameseLunarCalendar.ToLunar(solar));
    }

    [Theory]
    [MemberData(nameof(TetDifferentFromChina))]
    public void Vietnamese_Tet_differs_from_Chinese_new_year(int year, DateOnly vietnam, DateOnly china)
    {
        Assert.Equal(vietnam, VietnameseLunarCalendar.LunarNewYear(year));
        var chinese = new ChineseLunisolarCalendar();
        Assert.Equal(china, DateOnly.FromDateTime(chinese.ToDateTime(year, 1, 1, 0, 0, 0, 0)));
    }

    [Fact]
    public void Tet_differs_from_Chinese_calendar_only_in_known_years_since_1968()
    {
        var chinese = new ChineseLunisolarCalendar();
        var differing = Enumerable.Range(1968, 2100 - 1968 + 1)
            .Where(y => VietnameseLunarCalendar.LunarNewYear(y) != DateOnly.FromDateTime(chinese.ToDateTime(y, 1, 1, 0, 0, 0, 0)))
            .ToArray();

        // 1968: Tết Mậu Thân, the first year of the UTC+7 reckoning (29/01 in the North, 30/01 in China and the South).
        Assert.Equal([1968, 1969, 1985, 2007, 2030, 2053], differing);
    }

    [Fact]
    public void Engine_at_UTC_plus_8_reproduces_dotnet_ChineseLunisolarCalendar_1929_to_2100()
    {
        // An independent check of the astronomy: China has reckoned at UTC+8 since 1929.
        var table = LunarTable.Build(1929, 2100, 8.0);
        var chinese = new ChineseLunisolarCalendar();
        var mismatches = new List<DateOnly>();
        for (int day = table.FirstDay; day < table.EndDay; day++)
        {
            DateTime date = DateOnly.FromDayNumber(day).ToDateTime(TimeOnly.MinValue);
            int year = chinese.GetYear(date), month = chinese.GetMonth(date), leap = chinese.GetLeapMonth(year);
            var expected = new LunarDate(year, leap > 0 && month >= leap ? month - 1 : month, chinese.GetDayOfMonth(date), month == leap);
            if (table.ToLunar(day) != expected)
            {
                mismatches.Add(DateOnly.FromDayNumber(day));
            }
        }

        // Only one month differs: .NET starts it on 29/09/2057, we on 28/09, because the new moon falls
        // seconds before midnight at UTC+8, closer than ΔT can be predicted that far ahead.
        Assert.Equal(30, mismatches.Count);
        Assert.All(mismatches, d => Assert.InRange(d, new DateOnly(2057, 9, 28), new DateOnly(2057, 10, 27)));
    }

    [Fact]
    public void Every_day_from_1900_to_2100_round_trips_and_advances_by_one()
    {
        LunarDate? previous = null;
        for (var date = new DateOnly(1900, 1, 31); date <= new DateOnly(2100, 12, 31); date = date.AddDays(1))
        {
            LunarDate lunar = VietnameseLunarCalendar.ToLunar(date);
            Assert.Equal(date, VietnameseLunarCalendar.ToSolar(lunar));
            if (previous is LunarDate p)
            {
                bool nextDay = lunar == (p with { Day = p.Day + 1 });
                bool nextMonth = lunar.Day == 1 && p.Day is 29 or 30;
                Assert.True(nextDay || nextMonth, $"{date:O}: {p} -> {lunar}");
            }

            previous = lunar;
        }
    }

    [Theory]
    [InlineData(2017, 6)]
    [InlineData(2020, 4)]
    [InlineData(2021, 0)]
    [InlineData(2023, 2)]
    [InlineData(2024, 0)]
    [InlineData(2025, 6)]
    [InlineData(2028, 5)]
    [InlineData(2033, 11)]
    public void LeapMonth_matches_known_years(int year, int leapMonth)
    {
        Assert.Equal(leapMonth, VietnameseLunarCalendar.LeapMonth(year));
    }

    [Theory]
    [InlineData(2020, 4, 2020, 5, 23)]
    [InlineData(2023, 2, 2023, 3, 22)]
    [InlineData(2025, 6, 2025, 7, 25)]
    public void Leap_month_starts_on_known_date(int year, int month, int solarYear, int solarMonth, int solarDay)
    {
        Assert.True(VietnameseLunarCalendar.TryToSolar(new LunarDate(year, month, 1, true), out DateOnly start));
        Assert.Equal(new DateOnly(solarYear, solarMonth, solarDay), start);
        Assert.Equal(new LunarDate(year, month, 1, true), VietnameseLunarCalendar.ToLunar(start));
    }

    [Theory]
    [InlineData(2024, 4, 1, true)] // 2024 has no leap month
    [InlineData(2025, 5, 1, true)] // 2025's leap month is the 6th
    [InlineData(2025, 12, 30, false)] // Chạp of Ất Tỵ has 29 days (Tết 2026 is 17/02)
    [InlineData(2026, 1, 31, false)]
    [InlineData(2026, 13, 1, false)]
    [InlineData(2026, 0, 1, false)]
    [InlineData(2026, 1, 0, false)]
    [InlineData(1899, 12, 1, false)]
    [InlineData(2101, 1, 1, false)]
    public void Impossible_lunar_dates_are_rejected(int year, int month, int day, bool leap)
    {
        var lunar = new LunarDate(year, month, day, leap);
        Assert.False(VietnameseLunarCalendar.TryToSolar(lunar, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(lunar));
    }

    [Fact]
    public void Supported_range_is_lunar_years_1900_to_2100()
    {
        Assert.Equal(new DateOnly(1900, 1, 31), VietnameseLunarCalendar.MinDate);
        Assert.Equal(2100, VietnameseLunarCalendar.ToLunar(VietnameseLunarCalendar.MaxDate).Year);
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToLunar(new DateOnly(1900, 1, 30)));
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToLunar(VietnameseLunarCalendar.MaxDate.AddDays(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.LunarNewYear(1899));
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.LunarNewYear(2101));
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.LeapMonth(2101));
    }

    [Fact]
    public void Astronomy_matches_Meeus_worked_examples()
    {
        // Example 49.a: the new moon of 1977 February, JDE 2443192.65118.
        Assert.Equal(2443192.65118, Astronomy.NewMoon(-283), 0.00001);

        // Example 25.b: apparent longitude of the Sun on 1992 October 13.0 TD is 199°54'21.8".
        Assert.Equal(199.906061, Astronomy.SunApparentLongitude(2448908.5), 0.0001);
    }
}
