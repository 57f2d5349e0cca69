using System.Text;
using MotCua.Web.Calendar;

namespace MotCua.Tests.Calendar;

public sealed class OfficialCalendarsTests
{
    private static readonly IReadOnlyDictionary<int, OfficialYear> Official = OfficialCalendars.Load();

    // Key days from the announcements (see each year's Source in official-calendars.json).
    public static TheoryData<DateOnly, string> KeyDays => new()
    {
        { new DateOnly(2018, 2, 14), nameof(CalendarDayKind.Compensatory) },
        { new DateOnly(2018, 2, 20), nameof(CalendarDayKind.Compensatory) },
        { new DateOnly(2018, 9, 3), nameof(CalendarDayKind.Compensatory) },
        { new DateOnly(2018, 12, 31), nameof(CalendarDayKind.SwapOff) },
        { new DateOnly(2019, 1, 5), nameof(CalendarDayKind.SwapWork) },
        { new DateOnly(2019, 2, 4), nameof(CalendarDayKind.Holiday) },
        { new DateOnly(2019, 4, 29), nameof(CalendarDayKind.SwapOff) },
        { new DateOnly(2019, 5, 4), nameof(CalendarDayKind.SwapWork) },
        { new DateOnly(2020, 1, 23), nameof(CalendarDayKind.Compensatory) },
        { new DateOnly(2020, 1, 29), nameof(CalendarDayKind.Compensatory) },
        { new DateOnly(2020, 9, 2), nameof(CalendarDayKind.Holiday) },
        { new DateOnly(2021, 2, 10), nameof(CalendarDayKind.Compensatory) },
        { new DateOnly(2021, 2, 16), nameof(CalendarDayKind.Compensatory) },
        { new DateOnly(2021, 9, 3), nameof(CalendarDayKind.Holiday) },
        { new DateOnly(2022, 1, 31), nameof(CalendarDayKind.Holiday) },
        { new DateOnly(2022, 2, 4), nameof(CalendarDayKind.Holiday) },
        { new DateOnly(2022, 9, 1), nameof(CalendarDayKind.Holiday) },
        { new DateOnly(2023, 1, 20), nameof(CalendarDayKind.Compensatory) },
        { new DateOnly(2023, 1, 26), nameof(CalendarDayKind.Compensatory) },
        { new DateOnly(2023, 5, 3), nameof(CalendarDayKind.Compensatory) },
        { new DateOnly(2023, 9, 4), nameof(CalendarDayKind.Compensatory) },
        { new DateOnly(2024, 2, 8), nameof(CalendarDayKind.Compensatory) },
        { new DateOnly(2024, 2, 14), nameof(CalendarDayKind.Compensatory) },
        { new DateOnly(2024, 4, 29), nameof(CalendarDayKind.SwapOff) },
        { new DateOnly(2024, 5, 4), nameof(CalendarDayKind.SwapWork) },
        { new DateOnly(2024, 9, 3), nameof(CalendarDayKind.Holiday) },
        { new DateOnly(2025, 1, 27), nameof(CalendarDayKind.Compensatory) },
        { new DateOnly(2025, 4, 26), nameof(CalendarDayKind.SwapWork) },
        { new DateOnly(2025, 5, 2), nameof(CalendarDayKind.SwapOff) },
        { new DateOnly(2025, 9, 1), nameof(CalendarDayKind.Holiday) },
        { new DateOnly(2026, 1, 2), nameof(CalendarDayKind.SwapOff) },
        { new DateOnly(2026, 1, 10), nameof(CalendarDayKind.SwapWork) },
        { new DateOnly(2026, 2, 16), nameof(CalendarDayKind.Holiday) },
        { new DateOnly(2026, 2, 17), nameof(CalendarDayKind.Holiday) },
        { new DateOnly(2026, 2, 18), nameof(CalendarDayKind.Holiday) },
        { new DateOnly(2026, 2, 19), nameof(CalendarDayKind.Holiday) },
        { new DateOnly(2026, 2, 20), nameof(CalendarDayKind.Holiday) },
        { new DateOnly(2026, 4, 27), nameof(CalendarDayKind.Compensatory) },
        { new DateOnly(2026, 8, 22), nameof(CalendarDayKind.SwapWork) },
        { new DateOnly(2026, 8, 31), nameof(CalendarDayKind.SwapOff) },
        { new DateOnly(2026, 9, 1), nameof(CalendarDayKind.Holiday) },
    };

    // Announced breaks, first and last day inclusive (weekends included).
    public static TheoryData<DateOnly, DateOnly> AnnouncedBreaks => new()
    {
        { new DateOnly(2018, 2, 14), new DateOnly(2018, 2, 20) },
        { new DateOnly(2019, 2, 2), new DateOnly(2019, 2, 10) },
        { new DateOnly(2020, 1, 23), new DateOnly(2020, 1, 29) },
        { new DateOnly(2021, 2, 10), new DateOnly(2021, 2, 16) },
        { new DateOnly(2022, 1, 29), new DateOnly(2022, 2, 6) },
        { new DateOnly(2023, 1, 20), new DateOnly(2023, 1, 26) },
        { new DateOnly(2023, 4, 29), new DateOnly(2023, 5, 3) },
        { new DateOnly(2024, 2, 8), new DateOnly(2024, 2, 14) },
        { new DateOnly(2024, 4, 27), new DateOnly(2024, 5, 1) },
        { new DateOnly(2024, 8, 31), new DateOnly(2024, 9, 3) },
        { new DateOnly(2025, 1, 25), new DateOnly(2025, 2, 2) },
        { new DateOnly(2025, 4, 30), new DateOnly(2025, 5, 4) },
        { new DateOnly(2025, 8, 30), new DateOnly(2025, 9, 2) },
        { new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 4) },
        { new DateOnly(2026, 2, 14), new DateOnly(2026, 2, 22) },
        { new DateOnly(2026, 8, 29), new DateOnly(2026, 9, 2) },
    };

    [Fact]
    public void Covers_2018_to_2027()
    {
        Assert.Equal(Enumerable.Range(2018, 10), Official.Keys.Order());
        Assert.All(Official.Values, y => Assert.False(string.IsNullOrWhiteSpace(y.Source)));
        Assert.Contains("Chưa có thông báo chính thức", Official[2027].Source, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KeyDays))]
    public void Key_days_have_the_announced_kind(DateOnly date, string kind)
    {
        Assert.Equal(Enum.Parse<CalendarDayKind>(kind), Assert.Single(Official[date.Year].Days, d => d.Date == date).Kind);
    }

    [Theory]
    [MemberData(nameof(AnnouncedBreaks))]
    public void Every_day_of_an_announced_break_is_off(DateOnly first, DateOnly last)
    {
        for (DateOnly day = first; day <= last; day = day.AddDays(1))
        {
            Assert.True(IsDayOff(day), $"{day:O} should be off");
        }

        Assert.False(IsDayOff(first.AddDays(-1)), $"{first.AddDays(-1):O} should be a working day");
        Assert.False(IsDayOff(last.AddDays(1)), $"{last.AddDays(1):O} should be a working day");
    }

    [Fact]
    public void Every_year_has_the_statutory_holidays_and_balanced_swaps()
    {
        foreach (OfficialYear year in Official.Values)
        {
            Assert.Equal(year.Year >= 2021 ? 11 : 10, year.Days.Count(d => d.Kind == CalendarDayKind.Holiday));
            Assert.Equal(year.Days.Count, year.Days.Select(d => d.Date).Distinct().Count());
            Assert.All(year.Days, d => Assert.False(string.IsNullOrWhiteSpace(d.Source)));
            Assert.All(year.Days.Where(d => d.Kind == CalendarDayKind.SwapWork), d => Assert.True(HolidayRules.IsWeeklyRest(d.Date)));
            Assert.All(year.Days.Where(d => d.Kind is CalendarDayKind.SwapOff or CalendarDayKind.Compensatory), d => Assert.False(HolidayRules.IsWeeklyRest(d.Date)));
        }

        var all = Official.Values.SelectMany(y => y.Days).ToList();
        Assert.Equal(all.Count(d => d.Kind == CalendarDayKind.SwapOff), all.Count(d => d.Kind == CalendarDayKind.SwapWork));
    }

    [Fact]
    public void Day_sources_override_the_year_source()
    {
        CalendarDay day = Assert.Single(Official[2018].Days, d => d.Date == new DateOnly(2018, 12, 31));
        Assert.StartsWith("Công văn 6519/VPCP-KGVX", day.Source, StringComparison.Ordinal);
        Assert.Equal(Official[2026].Source, Assert.Single(Official[2026].Days, d => d.Date == new DateOnly(2026, 8, 31)).Source);
    }

    [Fact]
    public void Parse_rejects_a_day_listed_under_another_year()
    {
        const string json = """{"years":[{"year":2020,"source":"x","days":[{"date":"2021-01-01","kind":"Holiday","name":"Tết Dương lịch"}]}]}""";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        Assert.Throws<InvalidDataException>(() => OfficialCalendars.Parse(stream));
    }

    private static bool IsDayOff(DateOnly date)
    {
        CalendarDay? day = Official[date.Year].Days.SingleOrDefault(d => d.Date == date);
        return day is null ? HolidayRules.IsWeeklyRest(date) : day.Kind != CalendarDayKind.SwapWork;
    }
}
