using MotCua.Web.Calendar;

namespace MotCua.Tests.Calendar;

public sealed class HolidayRulesTests
{
    private static readonly IReadOnlyDictionary<int, OfficialYear> Official = OfficialCalendars.Load();

    [Theory]
    [InlineData(2021)]
    [InlineData(2022)]
    [InlineData(2023)]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    public void Generated_holidays_are_all_in_the_official_calendar(int year)
    {
        var official = Official[year].Days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date).ToHashSet();
        var missing = HolidayRules.Generate(year)
            .Where(d => d.Kind == CalendarDayKind.Holiday && !official.Contains(d.Date))
            .Select(d => d.Date)
            .ToList();
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData(2018)]
    [InlineData(2019)]
    [InlineData(2020)]
    [InlineData(2021)]
    [InlineData(2022)]
    [InlineData(2023)]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    public void Generator_reproduces_every_official_day_except_swaps(int year)
    {
        static IEnumerable<string> Key(IEnumerable<CalendarDay> days) =>
            days.Where(d => d.Kind is CalendarDayKind.Holiday or CalendarDayKind.Compensatory)
                .Select(d => $"{d.Date:O} {d.Kind} {d.Name}");

        Assert.Equal(Key(Official[year].Days), Key(HolidayRules.Generate(year)));
    }

    [Theory]
    [InlineData(2018, 10)]
    [InlineData(2020, 10)]
    [InlineData(2021, 11)]
    [InlineData(2030, 11)]
    public void Labor_Code_2019_adds_a_second_National_Day_from_2021(int year, int statutoryDays)
    {
        IReadOnlyList<CalendarDay> days = HolidayRules.Generate(year);
        Assert.Equal(statutoryDays, days.Count(d => d.Kind == CalendarDayKind.Holiday));
        Assert.All(days, d => Assert.Contains(year >= 2021 ? "2019" : "2012", d.Source, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2021, 3)] // Thu → Fri 3/9
    [InlineData(2022, 1)] // Fri → Thu 1/9
    [InlineData(2023, 1)] // Sat → Fri 1/9
    [InlineData(2024, 3)] // Mon → Tue 3/9
    [InlineData(2025, 1)] // Tue → Mon 1/9
    [InlineData(2026, 1)] // Wed → Tue 1/9
    [InlineData(2029, 3)] // Sun → Mon 3/9
    public void National_Day_gets_the_adjacent_day_used_in_announcements(int year, int day)
    {
        var nationalDays = HolidayRules.Generate(year)
            .Where(d => d.Kind == CalendarDayKind.Holiday && d.Name == HolidayRules.NationalDayName)
            .Select(d => d.Date);
        Assert.Equal([new DateOnly(year, 9, Math.Min(day, 2)), new DateOnly(year, 9, Math.Max(day, 2))], nationalDays);
    }

    [Fact]
    public void Weekend_holidays_are_compensated_on_the_next_free_working_days()
    {
        // 2022: 30/4 Saturday and 1/5 Sunday → Monday 2/5 and Tuesday 3/5.
        var compensatory = HolidayRules.Generate(2022).Where(d => d.Kind == CalendarDayKind.Compensatory).ToList();
        Assert.Contains(new CalendarDay(new DateOnly(2022, 5, 2), CalendarDayKind.Compensatory, "Nghỉ bù Ngày Chiến thắng", "Bộ luật Lao động 2019 (45/2019/QH14), Điều 111.3"), compensatory);
        Assert.Contains(compensatory, d => d.Date == new DateOnly(2022, 5, 3) && d.Name == "Nghỉ bù Ngày Quốc tế Lao động");
        Assert.Contains(compensatory, d => d.Date == new DateOnly(2022, 1, 3) && d.Name == "Nghỉ bù Tết Dương lịch");
    }

    [Fact]
    public void Tet_falling_on_a_Saturday_is_compensated_before_the_break()
    {
        // 2025: mùng 4 on Saturday 1/2 → Monday 27/1 (the break ran 25/1–2/2).
        var days = HolidayRules.Generate(2025).Where(d => d.Name.Contains(HolidayRules.LunarNewYearName, StringComparison.Ordinal)).ToList();
        Assert.Equal(new DateOnly(2025, 1, 27), Assert.Single(days, d => d.Kind == CalendarDayKind.Compensatory).Date);
        Assert.Equal(new DateOnly(2025, 1, 28), days.Where(d => d.Kind == CalendarDayKind.Holiday).Min(d => d.Date));
    }

    [Fact]
    public void Days_are_sorted_and_unique()
    {
        for (int year = HolidayRules.MinYear; year <= HolidayRules.MaxYear; year++)
        {
            var dates = HolidayRules.Generate(year).Select(d => d.Date).ToList();
            Assert.Equal(dates.Order(), dates);
            Assert.Equal(dates.Count, dates.Distinct().Count());
            Assert.All(HolidayRules.Generate(year).Where(d => d.Kind == CalendarDayKind.Compensatory), d => Assert.False(HolidayRules.IsWeeklyRest(d.Date)));
        }
    }

    [Theory]
    [InlineData(1899)]
    [InlineData(2101)]
    public void Years_outside_the_rules_throw(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRules.Generate(year));
    }

    [Fact]
    public void Before_2014_the_Labor_Code_1994_gives_four_days_of_Tet()
    {
        // 2010: Tết Canh Dần on Sunday 14/2; the break ran 13/2 (30 Tết) – 16/2, with a compensatory day on Wednesday 17/2.
        var days = HolidayRules.Generate(2010);
        Assert.Equal(
            [new DateOnly(2010, 2, 13), new DateOnly(2010, 2, 14), new DateOnly(2010, 2, 15), new DateOnly(2010, 2, 16)],
            days.Where(d => d.Kind == CalendarDayKind.Holiday && d.Name == HolidayRules.LunarNewYearName).Select(d => d.Date));
        Assert.Contains(days, d => d.Date == new DateOnly(2010, 4, 23) && d.Name == HolidayRules.HungKingsName);
        Assert.Contains(days, d => d.Date == new DateOnly(2010, 2, 17) && d.Kind == CalendarDayKind.Compensatory);
        Assert.All(days, d => Assert.StartsWith("Bộ luật Lao động 1994", d.Source, StringComparison.Ordinal));
    }

    [Fact]
    public void Hung_Kings_day_is_a_holiday_only_from_2007()
    {
        Assert.DoesNotContain(HolidayRules.Generate(2006), d => d.Name == HolidayRules.HungKingsName);
        Assert.Contains(HolidayRules.Generate(2007), d => d.Name == HolidayRules.HungKingsName);
    }

    [Fact]
    public void Years_before_1995_are_marked_as_extrapolated()
    {
        Assert.All(HolidayRules.Generate(1960), d => Assert.Contains("ngoại suy", d.Source, StringComparison.Ordinal));
        Assert.DoesNotContain(HolidayRules.Generate(1995), d => d.Source!.Contains("ngoại suy", StringComparison.Ordinal));
    }
}
