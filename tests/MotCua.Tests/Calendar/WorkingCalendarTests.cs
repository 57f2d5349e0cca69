using MotCua.Web.Calendar;
using static MotCua.Tests.Calendar.TestCalendar;

namespace MotCua.Tests.Calendar;

public sealed class WorkingCalendarTests
{
    [Theory]
    [InlineData("01/01/2026", false)] // New Year, Thursday
    [InlineData("02/01/2026", true)]
    [InlineData("03/01/2026", false)] // Saturday
    [InlineData("13/02/2026", true)]  // Friday before Tết
    [InlineData("16/02/2026", false)] // Tết
    [InlineData("20/02/2026", false)] // Tết
    [InlineData("23/02/2026", true)]
    [InlineData("26/04/2026", false)] // Hùng Kings on a Sunday
    [InlineData("27/04/2026", false)] // ... compensated on Monday
    [InlineData("30/04/2026", false)]
    [InlineData("01/05/2026", false)]
    [InlineData("22/08/2026", true)]  // Saturday worked in exchange for 31/8
    [InlineData("29/08/2026", false)] // an ordinary Saturday
    [InlineData("31/08/2026", false)] // swapped off
    [InlineData("01/09/2026", true)]
    [InlineData("02/09/2026", false)]
    public void IsWorkingDayFollowsThe2026Calendar(string date, bool expected) =>
        Assert.Equal(expected, Engine.IsWorkingDay(Date(date)));

    [Theory]
    [InlineData("13/02/2026", "23/02/2026")] // over Tết
    [InlineData("24/04/2026", "28/04/2026")] // over the weekend and the compensatory Monday
    [InlineData("21/08/2026", "22/08/2026")] // onto the swapped Saturday
    [InlineData("28/08/2026", "01/09/2026")] // over the swapped-off Monday
    [InlineData("05/01/2026", "06/01/2026")]
    public void NextWorkingDayIsStrictlyAfter(string date, string expected) =>
        Assert.Equal(Date(expected), Engine.NextWorkingDay(Date(date)));

    [Theory]
    [InlineData("05/01/2026", "05/01/2026")]
    [InlineData("14/02/2026", "23/02/2026")]
    [InlineData("30/08/2026", "01/09/2026")]
    public void WorkingDayOnOrAfterKeepsAWorkingDay(string date, string expected) =>
        Assert.Equal(Date(expected), Engine.WorkingDayOnOrAfter(Date(date)));

    [Theory]
    [InlineData("13/02/2026", 15, "13/03/2026")]
    [InlineData("13/03/2026", -15, "13/02/2026")]
    [InlineData("14/02/2026", 1, "23/02/2026")]  // from a Saturday
    [InlineData("23/02/2026", -1, "13/02/2026")]
    [InlineData("21/08/2026", 2, "24/08/2026")]  // Sat 22/8 counts
    [InlineData("15/02/2026", 0, "15/02/2026")]  // zero leaves even a day off unchanged
    [InlineData("31/12/2025", 1, "02/01/2026")]
    public void AddWorkingDaysCountsOnlyWorkingDays(string date, int count, string expected) =>
        Assert.Equal(Date(expected), Engine.AddWorkingDays(Date(date), count));

    [Theory]
    [InlineData("01/01/2026", "01/02/2026", 21)]
    [InlineData("01/02/2026", "01/03/2026", 15)]  // Tết takes a whole week
    [InlineData("01/08/2026", "01/09/2026", 21)]  // 21 weekdays, +22/8, −31/8
    [InlineData("01/01/2026", "01/01/2027", 251)] // 261 weekdays − 11 days off + 1 swapped Saturday
    [InlineData("05/01/2026", "05/01/2026", 0)]
    [InlineData("01/02/2026", "01/01/2026", -21)]
    public void CountWorkingDaysIsHalfOpen(string from, string to, int expected) =>
        Assert.Equal(expected, Engine.CountWorkingDays(Date(from), Date(to)));

    [Fact]
    public void CountWorkingDaysAcceptsTheDayAfterTheRange()
    {
        var calendar = new WorkingCalendar(2026, 2026, Days2026, WorkingHours.Default);

        Assert.Equal(251, calendar.CountWorkingDays(Date("01/01/2026"), Date("01/01/2027")));
    }

    [Theory]
    [InlineData("27/04/2026", "Compensatory")]
    [InlineData("22/08/2026", "SwapWork")]
    [InlineData("17/02/2026", "Holiday")]
    public void DescribeDayExplainsListedDays(string date, string kind) =>
        Assert.Equal(Enum.Parse<CalendarDayKind>(kind), Engine.DescribeDay(Date(date))?.Kind);

    [Theory]
    [InlineData("05/01/2026")]
    [InlineData("10/01/2026")] // ordinary Saturday
    [InlineData("01/01/1850")] // outside the range: nothing listed
    public void DescribeDayIsNullForOrdinaryDays(string date) =>
        Assert.Null(Engine.DescribeDay(Date(date)));

    [Theory]
    [InlineData("13/02/2026 16:30", "13/03/2026 16:30", "16/02/2026,17/02/2026,18/02/2026,19/02/2026,20/02/2026")]
    [InlineData("24/04/2026 13:30", "29/04/2026 11:30", "26/04/2026,27/04/2026")]
    [InlineData("21/08/2026 07:00", "03/09/2026 17:00", "31/08/2026,02/09/2026")] // 22/8 was worked, not skipped
    [InlineData("01/01/2026 10:00", "01/01/2026 16:00", "01/01/2026")]
    [InlineData("05/01/2026 07:00", "30/01/2026 17:00", "")]
    public void SkippedDaysBetweenListsTheDaysOffToExplain(string from, string to, string expected)
    {
        var skipped = Engine.SkippedDaysBetween(At(from), At(to));

        Assert.Equal(
            expected.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Date),
            skipped.Select(d => d.Date));
    }

    [Fact]
    public void DatesOutsideTheRangeAreRejected()
    {
        var calendar = new WorkingCalendar(2026, 2026, Days2026, WorkingHours.Default);

        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.IsWorkingDay(Date("31/12/2025")));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.NextWorkingDay(Date("31/12/2026")));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddWorkingDays(Date("02/01/2026"), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddWorkingDays(Date("01/12/2026"), 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddWorkingTime(At("31/12/2026 16:00"), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void InvalidCalendarDataIsRejected()
    {
        var duplicate = new CalendarDay(new DateOnly(2026, 1, 1), CalendarDayKind.Compensatory, "Nghỉ bù", null);
        var outside = new CalendarDay(new DateOnly(2027, 1, 1), CalendarDayKind.Holiday, "Tết Dương lịch", null);

        Assert.Throws<ArgumentException>(() => new WorkingCalendar(2026, 2026, [.. Days2026, duplicate], WorkingHours.Default));
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(2026, 2026, [.. Days2026, outside], WorkingHours.Default));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkingCalendar(2027, 2026, [], WorkingHours.Default));
    }

    [Fact]
    public void OnlyVietnameseWallClockTimeIsAccepted()
    {
        var utc = new DateTime(2026, 1, 5, 2, 0, 0, DateTimeKind.Utc);
        var local = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Local);

        Assert.Throws<ArgumentException>(() => Engine.NormalizeStart(utc));
        Assert.Throws<ArgumentException>(() => Engine.AddWorkingTime(local, TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentException>(() => Engine.WorkingTimeBetween(At("05/01/2026 07:00"), utc));
    }
}
