using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Workflow;
using Shouldly;
using static MotCua.Tests.Calendar.TestCalendar;
using static MotCua.Tests.Workflow.ProcessingLifecycleTests;

namespace MotCua.Tests.Workflow;

/// <summary>
/// The live clock of a stopped dossier (a supplement under the pause rule, or a payment wait that does not count) on real
/// 2026 dates, for a procedure of 3 working days whose unit counts intake after 15:00 from the next working morning.
/// Each case also goes through <see cref="Deadline"/>, which must give the same due.
/// </summary>
public sealed class ProcessingClockTests
{
    private static readonly ProcessingTime ThreeDays = new(3, DurationUnit.WorkingDays);
    private static readonly DueOptions Cutoff = new(new TimeOnly(15, 0));
    private static readonly UnitCalendar Calendar = new(null, Engine, 0);

    [Theory]
    // After the cut-off on the Friday before Tết the count starts Mon 23/02; a stop ended before it costs nothing.
    [InlineData("13/02/2026 15:30", "13/02/2026 15:45", "13/02/2026 16:45", "25/02/2026 17:00")]
    // The count starts on Sat 22/08, worked in exchange for Mon 31/08: Sat, Mon, Tue.
    [InlineData("21/08/2026 15:30", "21/08/2026 15:45", "21/08/2026 16:45", "25/08/2026 17:00")]
    // Resumed during Tết: still nothing counted, so the full time runs from Mon 23/02.
    [InlineData("13/02/2026 15:30", "13/02/2026 16:00", "18/02/2026 10:00", "25/02/2026 17:00")]
    // Resumed after the count would have started: the full 24 h from Tue 09:00.
    [InlineData("05/01/2026 15:30", "05/01/2026 15:45", "06/01/2026 09:00", "09/01/2026 09:00")]
    // Stopped during lunch (2,5 h counted), resumed during lunch: 21,5 h from Wed 13:30.
    [InlineData("05/01/2026 09:00", "05/01/2026 12:00", "07/01/2026 12:15", "12/01/2026 09:00")]
    // Stopped and resumed after closing (6 h counted): 18 h from Wed 07:00.
    [InlineData("05/01/2026 09:00", "05/01/2026 17:30", "06/01/2026 17:45", "09/01/2026 09:00")]
    // Resumed after the cut-off: the dossier was received already, so the 15 h left count on from 16:00.
    [InlineData("05/01/2026 09:00", "06/01/2026 10:00", "07/01/2026 16:00", "09/01/2026 15:00")]
    // Stopped on a Saturday off (6 h counted on Friday): 18 h from Tue 24/02 07:00.
    [InlineData("13/02/2026 09:00", "14/02/2026 10:00", "24/02/2026 07:00", "26/02/2026 09:00")]
    public void A_resumed_clock_spends_only_the_working_time_counted(string received, string paused, string resumed, string expected)
    {
        Live(received, (paused, resumed, SupplementRule.Pause)).ShouldBe(Utc(expected));
        Deadline.Open(Engine, At(received), ThreeDays, Cutoff).Pause(At(paused)).Resume(At(resumed), Engine).Due.ShouldBe(At(expected));
    }

    [Fact]
    public void A_second_stop_counts_from_where_the_first_left_the_count()
    {
        // The first stop ends before the count starts Mon 23/02 07:00; 4 h are counted by Mon 11:00, 20 h run from Tue 07:00.
        Live("13/02/2026 15:30", ("13/02/2026 15:45", "13/02/2026 16:45", SupplementRule.Pause), ("23/02/2026 11:00", "24/02/2026 07:00", SupplementRule.Pause))
            .ShouldBe(Utc("26/02/2026 11:00"));
        Deadline.Open(Engine, At("13/02/2026 15:30"), ThreeDays, Cutoff)
            .Pause(At("13/02/2026 15:45")).Resume(At("13/02/2026 16:45"), Engine)
            .Pause(At("23/02/2026 11:00")).Resume(At("24/02/2026 07:00"), Engine)
            .Due.ShouldBe(At("26/02/2026 11:00"));
    }

    [Fact]
    public void After_a_restart_the_count_starts_with_the_intake_rules_again()
    {
        // The complete dossier arrives Wed 07/01 15:30, after the cut-off: counted from Thu 08/01 07:00, due Mon 12/01 17:00.
        // A payment wait from 16:00 to 16:30 that evening ends before that count starts.
        Live("05/01/2026 09:00", ("06/01/2026 10:00", "07/01/2026 15:30", SupplementRule.Restart), ("07/01/2026 16:00", "07/01/2026 16:30", SupplementRule.Pause))
            .ShouldBe(Utc("12/01/2026 17:00"));
    }

    [Fact]
    public void The_count_start_follows_the_closed_stops()
    {
        DossierSuspension Stop(string from, string? to, SupplementRule rule) =>
            new() { From = Utc(from), To = to is null ? null : Utc(to), Reason = "Bổ sung", Rule = rule };

        ProcessingClock.CountStart(Calendar, Utc("13/02/2026 15:30"), [], Cutoff).ShouldBe(Utc("23/02/2026 07:00"));
        ProcessingClock.CountStart(Calendar, Utc("13/02/2026 15:30"), [Stop("13/02/2026 15:45", "13/02/2026 16:45", SupplementRule.Pause)], Cutoff)
            .ShouldBe(Utc("23/02/2026 07:00"));
        ProcessingClock.CountStart(Calendar, Utc("13/02/2026 15:30"),
            [Stop("24/02/2026 10:00", "25/02/2026 12:00", SupplementRule.Pause), Stop("13/02/2026 15:45", "13/02/2026 16:45", SupplementRule.Pause)], Cutoff)
            .ShouldBe(Utc("25/02/2026 13:30"));
        ProcessingClock.CountStart(Calendar, Utc("05/01/2026 09:00"),
            [Stop("06/01/2026 10:00", "07/01/2026 15:30", SupplementRule.Restart), Stop("07/01/2026 16:00", null, SupplementRule.Pause)], Cutoff)
            .ShouldBe(Utc("08/01/2026 07:00"));
    }

    /// <summary>The due the live path gives after each stop in turn, as <c>supplement-received</c> and <c>payment-confirmed</c> compute it.</summary>
    private static DateTime Live(string received, params (string From, string To, SupplementRule Rule)[] stops)
    {
        var due = Calendar.Due(VietnamTime.FromUtc(Utc(received)), ThreeDays, Cutoff).UtcDateTime;
        var closed = new List<DossierSuspension>();
        foreach (var (from, to, rule) in stops)
        {
            var start = ProcessingClock.CountStart(Calendar, Utc(received), closed, Cutoff);
            due = ProcessingClock.DueAfterSupplement(Calendar, rule, start, Utc(from), due, Utc(to), ThreeDays, Cutoff);
            closed.Add(new DossierSuspension { From = Utc(from), To = Utc(to), Reason = "Bổ sung", Rule = rule });
        }

        return due;
    }
}
