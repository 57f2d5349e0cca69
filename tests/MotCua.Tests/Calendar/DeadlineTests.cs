using MotCua.Web.Calendar;
using static MotCua.Tests.Calendar.TestCalendar;

namespace MotCua.Tests.Calendar;

public sealed class DeadlineTests
{
    private static readonly ProcessingTime FiveDays = new(5, DurationUnit.WorkingDays);

    // Received Mon 05/01/2026 09:00, 5 working days (40 h): due Mon 12/01 09:00.
    private static Deadline Opened() => Deadline.Open(Engine, At("05/01/2026 09:00"), FiveDays, DueOptions.None);

    [Fact]
    public void OpenComputesTheDue()
    {
        var deadline = Opened();

        Assert.Equal(At("05/01/2026 09:00"), deadline.Start);
        Assert.Equal(At("12/01/2026 09:00"), deadline.Due);
        Assert.Equal(deadline.Due, deadline.OriginalDue);
        Assert.Equal(TimeSpan.FromHours(40), deadline.Remaining);
    }

    [Fact]
    public void PauseThenResumeCountsOnlyTheRemainingTime()
    {
        // Used by Wed 07/01 10:00: Mon 6 h + Tue 8 h + Wed 3 h = 17 h, so 23 h remain.
        // From Wed 14/01 14:00: Wed 3 h, Thu 8 h, Fri 8 h, then 4 h on Mon 19/01 → 11:00.
        var paused = Opened().Pause(At("07/01/2026 10:00"));
        var resumed = paused.Resume(At("14/01/2026 14:00"), Engine);

        Assert.Equal(At("07/01/2026 10:00"), paused.PausedAt);
        Assert.Null(resumed.PausedAt);
        Assert.Equal(TimeSpan.FromHours(23), resumed.Remaining);
        Assert.Equal(At("14/01/2026 14:00"), resumed.Start);
        Assert.Equal(At("19/01/2026 11:00"), resumed.Due);
        Assert.Equal(At("19/01/2026 11:00"), resumed.OriginalDue);
    }

    [Fact]
    public void RestartCountsTheFullTimeFromTheCompleteDossier()
    {
        // The complete dossier arrives Wed 14/01 14:00: 40 h again → Wed 21/01 14:00.
        var restarted = Opened().Pause(At("07/01/2026 10:00")).Restart(At("14/01/2026 14:00"), Engine);

        Assert.Null(restarted.PausedAt);
        Assert.Equal(At("21/01/2026 14:00"), restarted.Due);
        Assert.Equal(TimeSpan.FromHours(40), restarted.Remaining);
        Assert.Equal(restarted, Opened().Restart(At("14/01/2026 14:00"), Engine));
    }

    [Fact]
    public void RestartAppliesTheIntakeRules()
    {
        var options = new DueOptions(new TimeOnly(15, 0));
        var deadline = Deadline.Open(Engine, At("05/01/2026 09:00"), FiveDays, options);

        var restarted = deadline.Restart(At("13/02/2026 15:30"), Engine);

        Assert.Equal(At("23/02/2026 07:00"), restarted.Start);
        Assert.Equal(At("27/02/2026 17:00"), restarted.Due);
    }

    [Fact]
    public void ResumingOnADayOffCountsFromTheNextWorkingMorning()
    {
        // 23 h left from Mon 12/01 07:00: Mon 8 h, Tue 8 h, Wed 7 h → 16:00.
        var resumed = Opened().Pause(At("07/01/2026 10:00")).Resume(At("10/01/2026 09:00"), Engine);

        Assert.Equal(At("12/01/2026 07:00"), resumed.Start);
        Assert.Equal(At("14/01/2026 16:00"), resumed.Due);
    }

    [Fact]
    public void APauseBeforeTheCountStartsKeepsTheFullTime()
    {
        // Received after the 15:00 cut-off, so counting starts Tue 06/01 07:00; paused that evening.
        var deadline = Deadline.Open(Engine, At("05/01/2026 15:30"), new(1, DurationUnit.WorkingDays), new DueOptions(new TimeOnly(15, 0)));

        var resumed = deadline.Pause(At("05/01/2026 16:00")).Resume(At("07/01/2026 07:00"), Engine);

        Assert.Equal(At("06/01/2026 17:00"), deadline.Due);
        Assert.Equal(TimeSpan.FromHours(8), resumed.Remaining);
        Assert.Equal(At("07/01/2026 17:00"), resumed.Due);
    }

    [Fact]
    public void CalendarDayDeadlinesShiftByThePausedDays()
    {
        // 10 calendar days from Mon 05/01 → Thu 15/01. Paused Wed 07/01 with 8 days left, resumed
        // Mon 12/01 → Tue 20/01.
        var deadline = Deadline.Open(Engine, At("05/01/2026 10:00"), new(10, DurationUnit.CalendarDays), DueOptions.None);

        var resumed = deadline.Pause(At("07/01/2026 10:00")).Resume(At("12/01/2026 08:00"), Engine);

        Assert.Equal(At("15/01/2026 17:00"), deadline.Due);
        Assert.Equal(8, resumed.Remaining.Days);
        Assert.Equal(At("20/01/2026 17:00"), resumed.Due);
    }

    [Fact]
    public void PauseAndResumeAreCheckedAgainstTheState()
    {
        var paused = Opened().Pause(At("07/01/2026 10:00"));

        Assert.Throws<InvalidOperationException>(() => paused.Pause(At("08/01/2026 10:00")));
        Assert.Throws<InvalidOperationException>(() => Opened().Resume(At("08/01/2026 10:00"), Engine));
        Assert.Throws<ArgumentOutOfRangeException>(() => paused.Resume(At("07/01/2026 09:00"), Engine));
        Assert.Throws<ArgumentOutOfRangeException>(() => paused.Restart(At("07/01/2026 09:00"), Engine));
        Assert.Throws<ArgumentOutOfRangeException>(() => Opened().Pause(At("12/01/2026 09:00"))); // already due
        Assert.Throws<InvalidOperationException>(() => paused.Extend(At("30/01/2026 17:00")));
    }

    [Fact]
    public void ExtensionIsAllowedOnceAndKeepsTheOriginalDue()
    {
        var deadline = Opened().Pause(At("07/01/2026 10:00")).Resume(At("14/01/2026 14:00"), Engine);

        var extended = deadline.Extend(At("23/01/2026 17:00"));

        Assert.True(extended.IsExtended);
        Assert.Equal(At("23/01/2026 17:00"), extended.Due);
        Assert.Equal(At("19/01/2026 11:00"), extended.OriginalDue);
        Assert.Throws<InvalidOperationException>(() => extended.Extend(At("30/01/2026 17:00")));
        Assert.Throws<InvalidOperationException>(() => extended.Pause(At("20/01/2026 08:00")));
        Assert.Throws<InvalidOperationException>(() => extended.Restart(At("20/01/2026 08:00"), Engine));
        Assert.Throws<ArgumentOutOfRangeException>(() => deadline.Extend(At("19/01/2026 10:00")));
    }

    [Theory]
    [InlineData("16/01/2026 10:00", "Early")]
    [InlineData("19/01/2026 08:00", "OnTime")]
    [InlineData("19/01/2026 16:45", "OnTime")] // after the due hour, but on the due date
    [InlineData("20/01/2026 08:00", "Late")]
    [InlineData("22/01/2026 10:00", "Late")]   // before the new appointment: still late
    public void JudgedByDateAgainstTheOriginalDue(string finished, string expected)
    {
        var extended = Opened()
            .Pause(At("07/01/2026 10:00"))
            .Resume(At("14/01/2026 14:00"), Engine)
            .Extend(At("23/01/2026 17:00"));

        Assert.Equal(Enum.Parse<Timeliness>(expected), extended.Judge(At(finished)));
        Assert.Equal(Enum.Parse<Timeliness>(expected), Deadline.Judge(At(finished), At("19/01/2026 11:00")));
    }

    [Fact]
    public void JudgeRejectsUtcTimes() =>
        Assert.Throws<ArgumentException>(() => Deadline.Judge(DateTime.UtcNow, At("19/01/2026 11:00")));
}
