using static MotCua.Tests.Calendar.TestCalendar;

namespace MotCua.Tests.Calendar;

public sealed class WorkingTimeBetweenTests
{
    [Theory]
    [InlineData("05/01/2026 07:00", "05/01/2026 17:00", 480)]
    [InlineData("05/01/2026 10:00", "05/01/2026 14:00", 120)] // lunch does not count
    [InlineData("13/02/2026 16:30", "23/02/2026 07:30", 60)]  // Tết does not count
    [InlineData("13/02/2026 16:30", "13/03/2026 16:30", 15 * 480)]
    [InlineData("10/01/2026 08:00", "11/01/2026 20:00", 0)]   // weekend
    [InlineData("05/01/2026 18:00", "06/01/2026 06:00", 0)]   // night
    [InlineData("05/01/2026 09:00", "05/01/2026 09:00", 0)]
    [InlineData("21/08/2026 16:00", "24/08/2026 08:00", 60 + 480 + 60)] // the swapped Saturday counts
    public void CountsOnlyOfficeHoursOfWorkingDays(string from, string to, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Engine.WorkingTimeBetween(At(from), At(to)));

    // Mon 05/01 07:00 → Fri 09/01 17:00 is 40 h; intervals are "from-to" pairs separated by ';'.
    [Theory]
    [InlineData("", 40 * 60)]
    [InlineData("06/01/2026 09:00-07/01/2026 09:00", 32 * 60)]  // Tue 2h30 + 3h30, Wed 2h
    [InlineData("06/01/2026 09:00-07/01/2026 09:00;07/01/2026 08:00-07/01/2026 10:00", 31 * 60)] // overlap counts once
    [InlineData("07/01/2026 08:00-07/01/2026 10:00;06/01/2026 09:00-07/01/2026 09:00", 31 * 60)] // in any order
    [InlineData("06/01/2026 09:00-07/01/2026 09:00;06/01/2026 09:00-07/01/2026 09:00", 32 * 60)] // duplicates count once
    [InlineData("04/01/2026 00:00-05/01/2026 08:00", 39 * 60)]  // clipped to the range
    [InlineData("09/01/2026 16:00-12/01/2026 17:00", 39 * 60)]  // clipped to the range
    [InlineData("05/01/2026 11:30-05/01/2026 13:30", 40 * 60)]  // lunch only: nothing to exclude
    [InlineData("01/01/2026 00:00-31/01/2026 00:00", 0)]
    public void SubtractsMergedExcludedIntervals(string excluded, int minutes)
    {
        var intervals = excluded
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('-'))
            .Select(pair => (At(pair[0]), At(pair[1])));

        var working = Engine.WorkingTimeBetween(At("05/01/2026 07:00"), At("09/01/2026 17:00"), intervals);

        Assert.Equal(TimeSpan.FromMinutes(minutes), working);
    }

    [Fact]
    public void ReversedRangesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Engine.WorkingTimeBetween(At("06/01/2026 07:00"), At("05/01/2026 07:00")));
        Assert.Throws<ArgumentException>(() => Engine.WorkingTimeBetween(
            At("05/01/2026 07:00"), At("09/01/2026 17:00"), [(At("07/01/2026 10:00"), At("07/01/2026 09:00"))]));
    }
}
