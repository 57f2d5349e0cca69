using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Workflow;
using Shouldly;
using static MotCua.Tests.Calendar.TestCalendar;

namespace MotCua.Tests.Workflow;

/// <summary>
/// The processing state machine and its deadline bookkeeping on real 2026 dates (Vietnamese wall clock).
/// A dossier received Mon 05/01/2026 09:00 for 5 working days is due Mon 12/01 09:00.
/// </summary>
public sealed class ProcessingLifecycleTests
{
    private static readonly ProcessingTime FiveDays = new(5, DurationUnit.WorkingDays);
    private static readonly UnitCalendar Calendar = new(null, Engine, 0);

    internal static DateTime Utc(string vietnamTime) => VietnamTime.FromLocal(At(vietnamTime)).UtcDateTime;

    internal static Dossier Received(string at = "05/01/2026 09:00")
    {
        var dossier = new Dossier
        {
            ProcedureCode = "1.000001",
            ProcedureName = "Đăng ký khai sinh",
            Owner = new Party("Nguyễn Văn An", IdentityDocument.CitizenId, "001090000001", "Hà Nội", null, null),
            TrackingSecret = "ABCDEFGH",
        };
        var receivedAt = Utc(at);
        dossier.Place(1, "/1/", 1, "/1/");
        dossier.Receive("000.00.12.H50-260105-0001", receivedAt, Calendar.Due(VietnamTime.FromUtc(receivedAt), FiveDays, DueOptions.None).UtcDateTime).ShouldBeNull();
        return dossier;
    }

    private static DateTime CountStart(Dossier dossier) =>
        ProcessingClock.CountStart(Calendar, dossier.ReceivedAt!.Value, dossier.Suspensions, DueOptions.None);

    private static Dossier Processing()
    {
        var dossier = Received();
        dossier.StartProcessing().ShouldBeNull();
        return dossier;
    }

    [Fact]
    public void Received_dossier_is_due_after_five_working_days()
    {
        var dossier = Received();
        dossier.DueAt.ShouldBe(Utc("12/01/2026 09:00"));
        dossier.OriginalDueAt.ShouldBe(dossier.DueAt);
    }

    [Theory]
    [InlineData("09/01/2026 15:00", "Early")]
    [InlineData("12/01/2026 16:30", "OnTime")]
    [InlineData("13/01/2026 08:00", "Late")]
    public void Finished_dossier_is_judged_by_date_against_the_due_date(string finishedAt, string expected)
    {
        var dossier = Processing();
        dossier.Timeliness.ShouldBeNull();

        dossier.Finish(Utc(finishedAt)).ShouldBeNull();
        dossier.ReturnResult(Utc(finishedAt).AddHours(1), ReturnMethod.Counter).ShouldBeNull();

        dossier.State.ShouldBe(DossierState.Returned);
        dossier.State.NationalCode().ShouldBe(10);
        dossier.Outcome.ShouldBe(DossierOutcome.Result);
        dossier.FinishedAt.ShouldBe(Utc(finishedAt));
        dossier.Timeliness.ShouldBe(Enum.Parse<Timeliness>(expected));
    }

    [Fact]
    public void Late_dossier_with_apology_gets_a_new_appointment_and_is_still_late()
    {
        var dossier = Processing();
        var lastDay = ProcessingClock.LastApologyDate(Calendar, dossier.DueAt!.Value);
        lastDay.ShouldBe(Date("09/01/2026"));

        dossier.Extend(Utc("16/01/2026 09:00"), "Chờ xác minh", Utc("09/01/2026 16:00"), lastDay).ShouldBeNull();
        dossier.Finish(Utc("15/01/2026 10:00")).ShouldBeNull();

        dossier.DueAt.ShouldBe(Utc("16/01/2026 09:00"));
        dossier.OriginalDueAt.ShouldBe(Utc("12/01/2026 09:00"));
        dossier.ExtendedAt.ShouldBe(Utc("09/01/2026 16:00"));
        dossier.Timeliness.ShouldBe(Timeliness.Late);
    }

    [Fact]
    public void Apology_over_a_weekend_must_come_by_the_Friday_before_a_Monday_due_date()
    {
        ProcessingClock.LastApologyDate(Calendar, Utc("12/01/2026 09:00")).ShouldBe(Date("09/01/2026"));

        // Due Tue 28/04 after the Hùng Kings' days off (Sun 26, compensatory Mon 27): the last day is Fri 24/04.
        ProcessingClock.LastApologyDate(Calendar, Utc("28/04/2026 10:00")).ShouldBe(Date("24/04/2026"));
    }

    [Theory]
    [InlineData("10/01/2026 09:00")] // Saturday after the last working day before the due date
    [InlineData("12/01/2026 08:00")] // the due date itself
    public void Apology_later_than_one_working_day_before_the_due_date_is_refused(string issuedAt)
    {
        var dossier = Processing();
        dossier.Extend(Utc("16/01/2026 09:00"), "Chờ xác minh", Utc(issuedAt), ProcessingClock.LastApologyDate(Calendar, dossier.DueAt!.Value))
            .ShouldNotBeNull().Code.ShouldBe("extension-too-late");
        dossier.DueAt.ShouldBe(Utc("12/01/2026 09:00"));
    }

    [Fact]
    public void A_dossier_is_rescheduled_at_most_once()
    {
        var dossier = Processing();
        var lastDay = ProcessingClock.LastApologyDate(Calendar, dossier.DueAt!.Value);
        dossier.Extend(Utc("16/01/2026 09:00"), "Chờ xác minh", Utc("07/01/2026 09:00"), lastDay).ShouldBeNull();

        dossier.Extend(Utc("20/01/2026 09:00"), "Lần nữa", Utc("08/01/2026 09:00"), lastDay).ShouldNotBeNull()
            .Code.ShouldBe("already-extended");
        dossier.RequestSupplement("Thiếu giấy tờ", Utc("08/01/2026 09:00"), SupplementRule.Restart).ShouldNotBeNull()
            .Code.ShouldBe("already-extended");
        dossier.DueAt.ShouldBe(Utc("16/01/2026 09:00"));
    }

    [Fact]
    public void The_new_appointment_must_be_later_than_the_current_one()
    {
        var dossier = Processing();
        dossier.Extend(Utc("12/01/2026 08:00"), "Sớm hơn", Utc("07/01/2026 09:00"), Date("09/01/2026")).ShouldNotBeNull()
            .Code.ShouldBe("bad-time");
    }

    [Fact]
    public void Supplement_with_restart_counts_the_full_time_again_from_its_arrival()
    {
        var dossier = Processing();
        dossier.RequestSupplement("Thiếu bản sao giấy chứng sinh", Utc("07/01/2026 10:00"), SupplementRule.Restart).ShouldBeNull();
        dossier.State.ShouldBe(DossierState.AwaitingSupplement);
        dossier.State.NationalCode().ShouldBe(5);

        var open = dossier.OpenSuspension!;
        var due = ProcessingClock.DueAfterSupplement(Calendar, open.Rule, CountStart(dossier), open.From, dossier.DueAt!.Value, Utc("14/01/2026 14:00"), FiveDays, DueOptions.None);
        dossier.ResumeAfterSupplement(Utc("14/01/2026 14:00"), due).ShouldBeNull();

        // Five working days from Wed 14/01 14:00: Wed 21/01 14:00.
        dossier.DueAt.ShouldBe(Utc("21/01/2026 14:00"));
        dossier.OriginalDueAt.ShouldBe(dossier.DueAt);
        dossier.State.ShouldBe(DossierState.Processing);
        dossier.Suspensions.Single().To.ShouldBe(Utc("14/01/2026 14:00"));

        dossier.Finish(Utc("21/01/2026 11:00")).ShouldBeNull();
        dossier.Timeliness.ShouldBe(Timeliness.OnTime);
    }

    [Fact]
    public void Supplement_with_pause_counts_on_the_time_left()
    {
        var dossier = Processing();
        dossier.RequestSupplement("Thiếu bản sao giấy chứng sinh", Utc("07/01/2026 10:00"), SupplementRule.Pause).ShouldBeNull();

        var open = dossier.OpenSuspension!;
        var due = ProcessingClock.DueAfterSupplement(Calendar, open.Rule, CountStart(dossier), open.From, dossier.DueAt!.Value, Utc("14/01/2026 14:00"), FiveDays, DueOptions.None);
        dossier.ResumeAfterSupplement(Utc("14/01/2026 14:00"), due).ShouldBeNull();

        // 17 h used by Wed 07/01 10:00, 23 h left from Wed 14/01 14:00: Mon 19/01 11:00.
        dossier.DueAt.ShouldBe(Utc("19/01/2026 11:00"));
        dossier.Finish(Utc("20/01/2026 09:00")).ShouldBeNull();
        dossier.Timeliness.ShouldBe(Timeliness.Late);
    }

    [Fact]
    public void A_late_dossier_cannot_stop_its_clock_for_a_supplement()
    {
        var dossier = Processing();
        dossier.RequestSupplement("Thiếu", Utc("12/01/2026 10:00"), SupplementRule.Restart).ShouldNotBeNull()
            .Code.ShouldBe("deadline-passed");
        dossier.State.ShouldBe(DossierState.Processing);
    }

    [Fact]
    public void Refusal_during_processing_is_a_decision_returned_to_the_applicant()
    {
        var dossier = Processing();
        dossier.RequestSupplement("Thiếu", Utc("07/01/2026 10:00"), SupplementRule.Restart).ShouldBeNull();
        dossier.Decline("Không đủ điều kiện đăng ký", Utc("08/01/2026 10:00")).ShouldBeNull();

        dossier.State.ShouldBe(DossierState.Processed);
        dossier.Outcome.ShouldBe(DossierOutcome.Refusal);
        dossier.Reason.ShouldBe("Không đủ điều kiện đăng ký");
        dossier.OpenSuspension.ShouldBeNull();
        dossier.ReturnResult(Utc("08/01/2026 15:00"), ReturnMethod.Post).ShouldBeNull();
        dossier.State.ShouldBe(DossierState.Returned);
    }

    [Fact]
    public void Stop_and_withdrawal_close_an_undecided_dossier()
    {
        var stopped = Processing();
        stopped.Stop("Công dân đề nghị dừng", Utc("06/01/2026 10:00")).ShouldBeNull();
        stopped.State.NationalCode().ShouldBe(8);
        stopped.ClosedAt.ShouldBe(Utc("06/01/2026 10:00"));

        var withdrawn = Received();
        withdrawn.RequestSupplement("Thiếu", Utc("06/01/2026 10:00"), SupplementRule.Restart).ShouldBeNull();
        withdrawn.Withdraw("Công dân rút hồ sơ", Utc("07/01/2026 10:00")).ShouldBeNull();
        withdrawn.State.NationalCode().ShouldBe(7);
        withdrawn.Suspensions.Single().To.ShouldBe(Utc("07/01/2026 10:00"));
    }

    [Fact]
    public void Working_time_left_is_negative_once_late()
    {
        ProcessingClock.WorkingTimeLeft(Calendar, Utc("09/01/2026 09:00"), Utc("12/01/2026 09:00")).ShouldBe(TimeSpan.FromHours(8));
        ProcessingClock.WorkingTimeLeft(Calendar, Utc("12/01/2026 11:00"), Utc("12/01/2026 09:00")).ShouldBe(TimeSpan.FromHours(-2));
    }
}
