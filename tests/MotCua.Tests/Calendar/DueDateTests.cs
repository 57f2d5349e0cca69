using MotCua.Web.Calendar;
using static MotCua.Tests.Calendar.TestCalendar;

namespace MotCua.Tests.Calendar;

public sealed class DueDateTests
{
    [Theory]
    // Fri 16:30 leaves 30 min; Tết (16–20/2) and two weekends are skipped; 14 full days run
    // 23/2–12/3, and the last 7h30 end Fri 13/3 at 16:30.
    [InlineData("13/02/2026 16:30", 15, "WorkingDays", "13/03/2026 16:30")]
    [InlineData("05/01/2026 07:00", 1, "WorkingDays", "05/01/2026 17:00")]  // ends at closing, not next 07:00
    [InlineData("05/01/2026 16:30", 1, "WorkingDays", "06/01/2026 16:30")]  // 30 min + 4h30 + 3h
    [InlineData("05/01/2026 10:00", 4, "WorkingHours", "05/01/2026 16:00")] // across lunch: 1h30 + 2h30
    [InlineData("05/01/2026 12:00", 1, "WorkingDays", "06/01/2026 11:30")]  // received at lunch: from 13:30
    [InlineData("05/01/2026 17:30", 1, "WorkingDays", "06/01/2026 17:00")]  // after closing
    [InlineData("05/01/2026 17:00", 1, "WorkingDays", "06/01/2026 17:00")]  // at closing
    [InlineData("05/01/2026 06:15", 1, "WorkingDays", "05/01/2026 17:00")]  // before opening
    [InlineData("10/01/2026 09:00", 1, "WorkingDays", "12/01/2026 17:00")]  // Saturday
    [InlineData("01/01/2026 10:00", 1, "WorkingDays", "02/01/2026 17:00")]  // New Year holiday
    [InlineData("21/08/2026 07:00", 3, "WorkingDays", "24/08/2026 17:00")]  // Sat 22/8 is worked
    [InlineData("28/08/2026 07:00", 3, "WorkingDays", "03/09/2026 17:00")]  // 31/8 swapped off, 2/9 holiday
    [InlineData("24/04/2026 13:30", 2, "WorkingDays", "29/04/2026 11:30")]  // compensatory 27/4; ends at lunch
    [InlineData("05/01/2026 07:00", 1, "HalfDays", "05/01/2026 11:00")]
    [InlineData("05/01/2026 09:00", 1, "HalfDays", "05/01/2026 15:00")]     // 2h30 + 1h30
    [InlineData("05/01/2026 07:00", 3, "HalfDays", "06/01/2026 11:00")]     // 1.5 days = 12 h
    [InlineData("13/02/2026 16:00", 2, "WorkingHours", "23/02/2026 08:00")] // 1 h before Tết, 1 h after
    [InlineData("10/01/2026 09:00", 0, "WorkingDays", "12/01/2026 07:00")]  // zero: the effective start
    [InlineData("05/01/2026 10:00", 10, "CalendarDays", "15/01/2026 17:00")]
    [InlineData("05/01/2026 10:00", 5, "CalendarDays", "12/01/2026 17:00")] // Sat 10/1 → Monday
    [InlineData("10/04/2026 10:00", 16, "CalendarDays", "28/04/2026 17:00")] // Sun 26/4, comp. 27/4
    [InlineData("15/04/2026 10:00", 15, "CalendarDays", "04/05/2026 17:00")] // 30/4, 1/5, weekend
    [InlineData("05/01/2026 18:00", 5, "CalendarDays", "12/01/2026 17:00")] // counted from Tue 6/1 → Sun 11/1
    [InlineData("05/01/2026 10:00", 0, "CalendarDays", "05/01/2026 17:00")] // same-day service
    public void DueWithoutCutoff(string received, int amount, string unit, string expected) =>
        Assert.Equal(At(expected), Engine.Due(At(received), new ProcessingTime(amount, Enum.Parse<DurationUnit>(unit)), DueOptions.None));

    [Theory]
    [InlineData("05/01/2026 15:30", "15:00", 1, "WorkingDays", "06/01/2026 17:00")] // counted from Tue 07:00
    [InlineData("05/01/2026 15:30", null, 1, "WorkingDays", "06/01/2026 15:30")]
    [InlineData("05/01/2026 15:00", "15:00", 1, "WorkingDays", "06/01/2026 15:00")] // at the cut-off: same day
    [InlineData("05/01/2026 14:59", "15:00", 1, "WorkingDays", "06/01/2026 14:59")]
    [InlineData("13/02/2026 15:01", "15:00", 1, "WorkingDays", "23/02/2026 17:00")] // next working day is after Tết
    [InlineData("10/01/2026 16:00", "15:00", 1, "WorkingDays", "12/01/2026 17:00")] // Saturday anyway
    [InlineData("09/01/2026 15:30", "15:00", 2, "CalendarDays", "14/01/2026 17:00")] // from Mon 12/1
    [InlineData("09/01/2026 15:30", null, 2, "CalendarDays", "12/01/2026 17:00")]    // Sun 11/1 → Monday
    public void DueWithSameDayCutoff(string received, string? cutoff, int amount, string unit, string expected) =>
        Assert.Equal(At(expected), Engine.Due(At(received), new ProcessingTime(amount, Enum.Parse<DurationUnit>(unit)), new DueOptions(Time(cutoff))));

    [Theory]
    [InlineData("05/01/2026 06:00", "05/01/2026 07:00")]
    [InlineData("05/01/2026 07:00", "05/01/2026 07:00")]
    [InlineData("05/01/2026 11:29", "05/01/2026 11:29")]
    [InlineData("05/01/2026 11:30", "05/01/2026 13:30")]
    [InlineData("05/01/2026 12:45", "05/01/2026 13:30")]
    [InlineData("05/01/2026 13:30", "05/01/2026 13:30")]
    [InlineData("05/01/2026 16:59", "05/01/2026 16:59")]
    [InlineData("05/01/2026 17:00", "06/01/2026 07:00")]
    [InlineData("13/02/2026 17:05", "23/02/2026 07:00")]
    [InlineData("22/08/2026 08:00", "22/08/2026 08:00")] // swapped working Saturday
    [InlineData("30/08/2026 10:00", "01/09/2026 07:00")] // Sunday before the swapped-off Monday
    public void NormalizeStartMovesIntoOfficeHours(string moment, string expected) =>
        Assert.Equal(At(expected), Engine.NormalizeStart(At(moment)));

    [Theory]
    [InlineData("05/01/2026 16:30", 8 * 60, "06/01/2026 16:30")]
    [InlineData("05/01/2026 07:00", 270, "05/01/2026 11:30")] // a count ending at the lunch break ends then
    [InlineData("05/01/2026 07:00", 271, "05/01/2026 13:31")]
    [InlineData("05/01/2026 12:00", 1, "05/01/2026 13:31")]
    [InlineData("05/01/2026 07:00", 0, "05/01/2026 07:00")]
    [InlineData("10/01/2026 09:00", 0, "10/01/2026 09:00")]   // zero elapses at once, even on a day off
    [InlineData("05/01/2026 17:00", 1, "06/01/2026 07:01")]
    public void AddWorkingTimeFindsWhenTheTimeHasElapsed(string start, int minutes, string expected) =>
        Assert.Equal(At(expected), Engine.AddWorkingTime(At(start), TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void NegativeDurationsAreRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Engine.AddWorkingTime(At("05/01/2026 07:00"), TimeSpan.FromMinutes(-1)));

    [Theory]
    [InlineData("WorkingDays", 15, 120)]
    [InlineData("HalfDays", 3, 12)]
    [InlineData("WorkingHours", 4, 4)]
    public void ProcessingTimeConvertsToWorkingTime(string unit, int amount, int hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), Engine.ToWorkingTime(new ProcessingTime(amount, Enum.Parse<DurationUnit>(unit))));

    [Fact]
    public void ProcessingTimeIsNeverNegative()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessingTime(-1, DurationUnit.WorkingDays));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessingTime(1, (DurationUnit)42));
        Assert.Throws<ArgumentException>(() => Engine.ToWorkingTime(new ProcessingTime(3, DurationUnit.CalendarDays)));
    }
}
