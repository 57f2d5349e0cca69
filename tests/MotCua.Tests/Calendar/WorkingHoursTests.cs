using MotCua.Web.Calendar;

namespace MotCua.Tests.Calendar;

public sealed class WorkingHoursTests
{
    [Fact]
    public void DefaultIsAnEightHourDay()
    {
        var hours = WorkingHours.Default;

        Assert.Equal(new TimeOnly(7, 0), hours.MorningStart);
        Assert.Equal(new TimeOnly(17, 0), hours.AfternoonEnd);
        Assert.Equal(TimeSpan.FromHours(4.5), hours.MorningLength);
        Assert.Equal(TimeSpan.FromHours(8), hours.DayLength);
    }

    [Theory]
    [InlineData("11:30", "07:00", "13:30", "17:00")] // morning reversed
    [InlineData("07:00", "07:00", "13:30", "17:00")] // empty morning
    [InlineData("07:00", "11:30", "17:00", "13:30")] // afternoon reversed
    [InlineData("07:00", "14:00", "13:30", "17:00")] // morning overlaps afternoon
    [InlineData("13:30", "17:00", "07:00", "11:30")] // sessions swapped
    public void InvalidHoursAreRejected(string morningStart, string morningEnd, string afternoonStart, string afternoonEnd) =>
        Assert.Throws<ArgumentException>(() => new WorkingHours(
            TestCalendar.Time(morningStart)!.Value,
            TestCalendar.Time(morningEnd)!.Value,
            TestCalendar.Time(afternoonStart)!.Value,
            TestCalendar.Time(afternoonEnd)!.Value));

    [Fact]
    public void AUnitMayPublishItsOwnHours()
    {
        // 07:30–11:30 and 13:00–16:30: a 7.5-hour day, so one working day from 07:30 ends at 16:30.
        var hours = new WorkingHours(new TimeOnly(7, 30), new TimeOnly(11, 30), new TimeOnly(13, 0), new TimeOnly(16, 30));
        var calendar = new WorkingCalendar(2026, 2026, TestCalendar.Days2026, hours);

        var due = calendar.Due(TestCalendar.At("05/01/2026 07:00"), new ProcessingTime(1, DurationUnit.WorkingDays), DueOptions.None);

        Assert.Equal(TimeSpan.FromHours(7.5), hours.DayLength);
        Assert.Equal(TestCalendar.At("05/01/2026 16:30"), due);
    }
}
