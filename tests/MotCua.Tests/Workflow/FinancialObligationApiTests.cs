using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Reporting;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Integration.Outbox;
using Shouldly;
using static MotCua.Tests.Workflow.WorkflowApiTests;

namespace MotCua.Tests.Workflow;

/// <summary>
/// The financial obligation (national state 6) over HTTP on real January 2026 dates (working hours 07:00–11:30,
/// 13:30–17:00). Xác nhận tình trạng hôn nhân takes 3 working days: received Mon 05/01 09:00, due Thu 08/01 09:00.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FinancialObligationApiTests(MotCuaFactory app)
{
    private const string MaritalStatus = "1.004873";

    private readonly WorkflowApiTests _flow = new(app);

    [Fact]
    public async Task Payment_stops_the_clock_and_the_time_left_counts_on_from_the_receipt()
    {
        var (unit, desk, _, specialist, leader) = await _flow.ArrangeAsync();
        try
        {
            var (code, started) = await _flow.ReceiveAndStartAsync(desk);
            var waiting = await _flow.ActAsync(specialist, code, "payment-request", Vn(6, 10),
                new { version = Version(started), amount = 500_000, purpose = "Lệ phí trước bạ" });
            waiting.GetProperty("state").GetString().ShouldBe("AwaitingPayment");
            waiting.GetProperty("nationalState").GetInt32().ShouldBe(6);

            var id = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Id);
            var notices = app.WithDb(db => db.Set<OutboxMessage>().Where(m => m.Topic == "Dossier:" + id && m.Body.Contains("Lệ phí trước bạ")).ToList());
            notices.Select(m => m.Channel).Order().ShouldBe([NotificationChannel.Email, NotificationChannel.Sms]);
            notices.ShouldAllBe(m => m.Body.Contains("500.000 đ") && m.Body.Contains("tạm dừng"));

            // The applicant sees what to pay; the dossier may not move on while it waits.
            var described = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/online-dossiers/{id}");
            described.GetProperty("payment").GetProperty("amount").GetInt64().ShouldBe(500_000);
            (await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/forward", new { version = Version(waiting) })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

            // On Fri 09/01, a day after the first due date, the dossier is within its deadline: its clock is stopped.
            app.Clock.SetNow(Vn(9, 12));
            var during = await PeriodFiguresApiTests.SummaryAsync(desk, unit, "2026-01-09", "2026-01-09");
            during.GetProperty("inProgressWithinDeadline").GetInt32().ShouldBe(1);
            during.GetProperty("inProgressOverdue").GetInt32().ShouldBe(0);
            during.GetProperty("awaitingSupplement").GetInt32().ShouldBe(0);
            (await WaitingRowAsync(desk, code)).GetProperty("workingHoursLeft").ValueKind.ShouldBe(JsonValueKind.Null);

            // 15 working hours were left at Tue 06/01 10:00 (Tue 5 h, Wed 8 h, Thu 2 h). From Fri 09/01 14:00: Fri 3 h,
            // Sat 10/01 8 h (worked in exchange for Fri 02/01, Công văn 12729/VPCP-KGVX), Mon 4 h → Mon 12/01 11:00.
            var paid = await _flow.ActAsync(desk, code, "payment-confirmed", Vn(9, 14), new { version = Version(waiting), receipt = "BL-0001234" });
            paid.GetProperty("state").GetString().ShouldBe("Processing");
            paid.GetProperty("currentStep").GetInt32().ShouldBe(1);
            paid.GetProperty("dueAt").GetString().ShouldBe("2026-01-12T11:00:00+07:00");

            var atLeader = await _flow.ActAsync(specialist, code, "forward", Vn(12, 9), new { version = Version(paid) });
            var signed = await ResultsApiTests.AttachAsync(leader, code, Version(atLeader));
            await _flow.ActAsync(leader, code, "forward", Vn(12, 10), new { version = signed });

            var dossier = app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code));
            dossier.PaymentReceipt.ShouldBe("BL-0001234");
            dossier.PaidAt.ShouldBe(Vn(9, 14).UtcDateTime);
            dossier.Suspensions.Single().ShouldSatisfyAllConditions(
                s => s.From.ShouldBe(Vn(6, 10).UtcDateTime), s => s.To.ShouldBe(Vn(9, 14).UtcDateTime), s => s.Rule.ShouldBe(SupplementRule.Pause));
            dossier.OriginalDueAt.ShouldBe(Vn(12, 11).UtcDateTime);
            dossier.Timeliness.ShouldBe(Timeliness.OnTime);

            // The control slip lists the wait between the hand-offs, in time order.
            var slip = await desk.GetStringAsync($"/backoffice/ho-so/{id}/bieu-mau/kiem-soat");
            var stopped = slip.IndexOf("Tạm dừng tính thời gian giải quyết: Lệ phí trước bạ", StringComparison.Ordinal);
            var resumed = slip.IndexOf("Tiếp tục giải quyết; thời gian chờ không tính", StringComparison.Ordinal);
            stopped.ShouldBeGreaterThan(slip.IndexOf("<td>9 giờ 30 phút, ngày 05/01/2026</td>", StringComparison.Ordinal));
            resumed.ShouldBeGreaterThan(stopped);
            slip.IndexOf("<td>9 giờ 00 phút, ngày 12/01/2026</td>", StringComparison.Ordinal).ShouldBeGreaterThan(resumed);

            app.Clock.Reset();
            var period = await PeriodFiguresApiTests.SummaryAsync(desk, unit, "2026-01-05", "2026-01-12");
            period.GetProperty("resolvedOnTime").GetInt32().ShouldBe(1);
            period.GetProperty("resolvedLate").GetInt32().ShouldBe(0);
            (await PeriodFiguresApiTests.DrillDownAsync(desk, unit, "2026-01-09", "2026-01-09", "InProgressWithinDeadline")).ShouldBe([code]);

            var history = app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "Dossier:" + id).OrderBy(e => e.Sequence).Select(e => e.Action).ToList());
            history.ShouldContain("dossier.payment-requested");
            history.ShouldContain("dossier.payment-confirmed");

            // The public timeline shows the applicant's steps, not the office's internal hand-offs.
            var tracked = await app.Anonymous().PostAsJsonAsync("/api/v1/tracking", new { code, check = "5678" });
            var steps = (await tracked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("timeline").EnumerateArray()
                .Select(s => s.GetProperty("action").GetString()).ToList();
            steps.ShouldBe(["dossier.received", "dossier.processing-started", "dossier.payment-requested", "dossier.payment-confirmed", "dossier.processed"]);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_payment_wait_before_the_count_starts_leaves_the_due_date()
    {
        var (procedure, desk, specialist) = await WorkflowClockApiTests.ArrangeCutoffProcedureAsync(app);
        try
        {
            // Received Fri 21/08 15:30, after the 15:00 cut-off: the count starts on Sat 22/08 (worked in exchange for
            // Mon 31/08), so 3 working days are Sat, Mon and Tue: due Tue 25/08 17:00.
            var (code, started) = await WorkflowClockApiTests.ReceiveAndStartAsync(app, desk, procedure, WorkflowClockApiTests.At(21, 8, 15, 30));
            started.GetProperty("dueAt").GetString().ShouldBe("2026-08-25T17:00:00+07:00");
            var waiting = await _flow.ActAsync(specialist, code, "payment-request", WorkflowClockApiTests.At(21, 8, 15, 45),
                new { version = Version(started), amount = 500_000, purpose = "Lệ phí trước bạ" });

            // Paid at 16:45 the same day: the clock stopped before it had counted anything, so the due date stands.
            var paid = await _flow.ActAsync(desk, code, "payment-confirmed", WorkflowClockApiTests.At(21, 8, 16, 45),
                new { version = Version(waiting), receipt = "BL-0002026" });
            paid.GetProperty("dueAt").GetString().ShouldBe("2026-08-25T17:00:00+07:00");

            var dossier = app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code));
            dossier.Suspensions.Single().To.ShouldBe(WorkflowClockApiTests.At(21, 8, 16, 45).UtcDateTime);
            dossier.OriginalDueAt.ShouldBe(WorkflowClockApiTests.At(25, 8, 17).UtcDateTime);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_procedure_that_counts_the_payment_time_keeps_its_due_date_and_goes_overdue()
    {
        var (unit, desk, _, specialist, _) = await _flow.ArrangeAsync();
        _flow.PaymentTimeCounts(true);
        try
        {
            var (code, started) = await _flow.ReceiveAndStartAsync(desk);
            var waiting = await _flow.ActAsync(specialist, code, "payment-request", Vn(6, 10),
                new { version = Version(started), amount = 120_000, purpose = "Phí thẩm định" });
            waiting.GetProperty("dueAt").GetString().ShouldBe("2026-01-08T09:00:00+07:00");

            app.Clock.SetNow(Vn(9, 12));
            var during = await PeriodFiguresApiTests.SummaryAsync(desk, unit, "2026-01-09", "2026-01-09");
            during.GetProperty("inProgressWithinDeadline").GetInt32().ShouldBe(0);
            during.GetProperty("inProgressOverdue").GetInt32().ShouldBe(1);
            // Its clock runs in the desk's waiting box too: past due by Thu 09:00–17:00 (6 h) and Fri 07:00–11:30 (4,5 h).
            (await WaitingRowAsync(desk, code)).GetProperty("workingHoursLeft").GetDouble().ShouldBe(-10.5);

            // The specialist who asked may record a payment the tax office confirmed.
            var paid = await _flow.ActAsync(specialist, code, "payment-confirmed", Vn(9, 14), new { version = Version(waiting), receipt = "CT-77" });
            paid.GetProperty("dueAt").GetString().ShouldBe("2026-01-08T09:00:00+07:00");
            var dossier = app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code));
            dossier.Suspensions.Count.ShouldBe(0);
            var slip = await desk.GetStringAsync($"/backoffice/ho-so/{dossier.Id}/bieu-mau/kiem-soat");
            slip.ShouldContain("Thực hiện nghĩa vụ tài chính: Phí thẩm định; thời gian vẫn tính");
            slip.ShouldContain("Đã thực hiện nghĩa vụ tài chính");
        }
        finally
        {
            _flow.PaymentTimeCounts(false);
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Bad_amounts_missing_receipts_and_the_wrong_officers_are_refused()
    {
        var (_, desk, _, specialist, leader) = await _flow.ArrangeAsync();
        try
        {
            var (code, started) = await _flow.ReceiveAndStartAsync(desk);
            var version = Version(started);

            var zero = await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/payment-request", new { version, amount = 0, purpose = "Lệ phí" });
            zero.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var problem = await zero.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("errors").GetProperty("amount")[0].GetString().ShouldBe("Nhập số tiền phải nộp (đồng), là số nguyên dương.");
            (await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/payment-request", new { version, amount = 10_000, purpose = " " }))
                .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

            // The leader does not hold the specialist's step; the desk does not either.
            (await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/payment-request", new { version, amount = 10_000, purpose = "Lệ phí" }))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/payment-confirmed", new { version, receipt = "BL-1" }))
                .StatusCode.ShouldBe(HttpStatusCode.Conflict);

            var waiting = await _flow.ActAsync(specialist, code, "payment-request", Vn(6, 10), new { version, amount = 10_000, purpose = "Lệ phí" });
            var again = await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/payment-request", new { version = Version(waiting), amount = 10_000, purpose = "Lệ phí" });
            again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await again.Content.ReadAsStringAsync()).ShouldContain("Chờ thực hiện nghĩa vụ tài chính");
            (await desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/payment-confirmed", new { version = Version(waiting), receipt = "" }))
                .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/payment-confirmed", new { version = Version(waiting), receipt = "BL-1" }))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

            // An applicant who does not pay can be refused by the head of the unit; the stopped clock closes with it.
            var declined = await _flow.ActAsync(leader, code, "decline", Vn(7, 9), new { version = Version(waiting), reason = "Không thực hiện nghĩa vụ tài chính" });
            declined.GetProperty("nationalState").GetInt32().ShouldBe(9);
            app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code).Suspensions.Single().To).ShouldBe(Vn(7, 9).UtcDateTime);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Asked_after_the_due_date_the_payment_does_not_stop_the_clock()
    {
        var (_, desk, _, specialist, _) = await _flow.ArrangeAsync();
        try
        {
            var (code, started) = await _flow.ReceiveAndStartAsync(desk);
            var waiting = await _flow.ActAsync(specialist, code, "payment-request", Vn(8, 10),
                new { version = Version(started), amount = 50_000, purpose = "Lệ phí" });
            var paid = await _flow.ActAsync(desk, code, "payment-confirmed", Vn(9, 9), new { version = Version(waiting), receipt = "BL-9" });
            paid.GetProperty("dueAt").GetString().ShouldBe("2026-01-08T09:00:00+07:00");
            app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code).Suspensions.Count).ShouldBe(0);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    private static async Task<JsonElement> WaitingRowAsync(HttpClient desk, string code)
    {
        var box = await desk.GetFromJsonAsync<JsonElement>("/api/v1/inbox/waiting?size=100");
        return box.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);
    }
}
