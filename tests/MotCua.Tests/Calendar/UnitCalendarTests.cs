using MotCua.Web.Calendar;
using Shouldly;
using static MotCua.Tests.Calendar.TestCalendar;

namespace MotCua.Tests.Calendar;

/// <summary>The public surface's boundary: any offset in, Vietnamese time (+07:00) out, dates judged in Vietnam.</summary>
public sealed class UnitCalendarTests
{
    private static readonly UnitCalendar Calendar = new(null, Engine, 0);
    private static readonly ProcessingTime FifteenDays = new(15, DurationUnit.WorkingDays);

    [Theory]
    [InlineData("2026-02-13T16:30:00+07:00")]
    [InlineData("2026-02-13T09:30:00+00:00")]
    [InlineData("2026-02-13T10:30:00+01:00")]
    public void The_same_instant_in_any_offset_gives_the_same_due_at_plus_seven(string received)
    {
        var due = Calendar.Due(DateTimeOffset.Parse(received, System.Globalization.CultureInfo.InvariantCulture), FifteenDays, DueOptions.None);
        due.Offset.ShouldBe(TimeSpan.FromHours(7));
        due.ShouldBe(new DateTimeOffset(2026, 3, 13, 16, 30, 0, TimeSpan.FromHours(7)));
    }

    [Fact]
    public void A_result_returned_after_midnight_in_Vietnam_is_late_even_when_it_is_still_the_due_date_in_UTC()
    {
        var due = new DateTimeOffset(2026, 3, 13, 16, 30, 0, TimeSpan.FromHours(7));
        var returned = new DateTimeOffset(2026, 3, 13, 18, 0, 0, TimeSpan.Zero); // 01:00 on 14/03 in Vietnam
        UnitCalendar.Judge(returned, due).ShouldBe(Timeliness.Late);
        UnitCalendar.Judge(returned.AddHours(-2), due).ShouldBe(Timeliness.OnTime);
        UnitCalendar.Judge(due.AddDays(-1), due).ShouldBe(Timeliness.Early);
    }

    [Fact]
    public void Working_time_between_moments_leaves_out_excluded_intervals()
    {
        var monday = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero); // 07:00 in Vietnam
        var friday = monday.AddDays(4).AddHours(10);                          // Fri 17:00
        Calendar.WorkingTimeBetween(monday, friday).ShouldBe(TimeSpan.FromHours(40));
        Calendar.WorkingTimeBetween(monday, friday, [(monday.AddDays(1), monday.AddDays(2))]).ShouldBe(TimeSpan.FromHours(32));
    }

    [Fact]
    public void Deadline_operations_take_offset_moments_and_keep_the_original_due_after_an_extension()
    {
        var received = new DateTimeOffset(2026, 1, 5, 2, 0, 0, TimeSpan.Zero); // Mon 09:00 in Vietnam
        var deadline = Calendar.Open(received, new ProcessingTime(5, DurationUnit.WorkingDays), DueOptions.None);
        VietnamTime.FromLocal(deadline.Due).ShouldBe(new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.FromHours(7)));

        var paused = UnitCalendar.Pause(deadline, new DateTimeOffset(2026, 1, 7, 10, 0, 0, TimeSpan.FromHours(7)));
        var resumed = Calendar.Resume(paused, new DateTimeOffset(2026, 1, 14, 7, 0, 0, TimeSpan.Zero)); // 14:00 in Vietnam
        VietnamTime.FromLocal(resumed.Due).ShouldBe(new DateTimeOffset(2026, 1, 19, 11, 0, 0, TimeSpan.FromHours(7)));

        var extended = UnitCalendar.Extend(resumed, new DateTimeOffset(2026, 1, 23, 17, 0, 0, TimeSpan.FromHours(7)));
        extended.OriginalDue.ShouldBe(resumed.Due);
        extended.Judge(new DateTime(2026, 1, 22, 10, 0, 0)).ShouldBe(Timeliness.Late);
        Should.Throw<InvalidOperationException>(() => UnitCalendar.Extend(extended, new DateTimeOffset(2026, 1, 30, 17, 0, 0, TimeSpan.FromHours(7))));
    }

    [Fact]
    public void Skipped_days_name_Tet()
    {
        var received = new DateTimeOffset(2026, 2, 13, 16, 30, 0, TimeSpan.FromHours(7));
        var skipped = Calendar.SkippedDaysBetween(received, Calendar.Due(received, FifteenDays, DueOptions.None));
        skipped.Select(d => d.Name).Distinct().ShouldBe(["Tết Nguyên đán"]);
        skipped.Count.ShouldBe(5);
    }
}
