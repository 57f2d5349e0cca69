using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Workflow;
using Shouldly;
using static MotCua.Tests.Workflow.WorkflowApiTests;

namespace MotCua.Tests.Reporting;

/// <summary>
/// The period figures of DESIGN.md §4.8 at their edges, from dossiers handled live over HTTP on January 2026 dates.
/// Xác nhận tình trạng hôn nhân takes 3 working days: received Mon 05/01 09:00, due Thu 08/01 09:00.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PeriodFiguresApiTests(MotCuaFactory app)
{
    private readonly WorkflowApiTests _flow = new(app);

    [Fact]
    public async Task Finished_on_the_due_date_is_on_time_and_the_day_after_is_late_even_after_an_apology()
    {
        var (unit, desk, _, specialist, leader) = await _flow.ArrangeAsync();
        try
        {
            var onTime = await ReceiveAndStartAsync(desk);
            var late = await ReceiveAndStartAsync(desk);
            var rescheduled = await ReceiveAndStartAsync(desk);
            await DecideAsync(specialist, leader, onTime.Code, onTime.Version, Vn(8, 16));
            await DecideAsync(specialist, leader, late.Code, late.Version, Vn(9, 8));

            // An apology moves the appointment to Mon 12/01 but lateness is judged against Thu 08/01 (§4.5).
            var extended = await _flow.ActAsync(leader, rescheduled.Code, "extend", Vn(7, 10),
                new { version = rescheduled.Version, newDueAt = "2026-01-12T09:00:00+07:00", reason = "Chờ xác minh" });
            await DecideAsync(specialist, leader, rescheduled.Code, Version(extended), Vn(9, 10));
            app.Clock.Reset();

            var report = await SummaryAsync(desk, unit, "2026-01-05", "2026-01-09");
            report.GetProperty("receivedNew").GetInt32().ShouldBe(3);
            report.GetProperty("receivedCounter").GetInt32().ShouldBe(3);
            report.GetProperty("resolvedEarly").GetInt32().ShouldBe(0);
            report.GetProperty("resolvedOnTime").GetInt32().ShouldBe(1);
            report.GetProperty("resolvedLate").GetInt32().ShouldBe(2);
            report.GetProperty("onTimeRate").GetDecimal().ShouldBe(0.3333m);
            report.GetProperty("resultsAttached").GetInt32().ShouldBe(3);
            (await DrillDownAsync(desk, unit, "2026-01-05", "2026-01-09", "ResolvedLate")).ShouldBe([late.Code, rescheduled.Code], ignoreOrder: true);
            (await DrillDownAsync(desk, unit, "2026-01-05", "2026-01-09", "ResolvedOnTime")).ShouldBe([onTime.Code]);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Open_dossiers_are_within_the_deadline_up_to_the_due_date_then_overdue_and_carried_over_into_the_next_period()
    {
        var (unit, desk, _, specialist, _) = await _flow.ArrangeAsync();
        try
        {
            var open = await ReceiveAndStartAsync(desk);
            var waiting = await ReceiveAndStartAsync(desk);
            await _flow.ActAsync(specialist, waiting.Code, "supplement-request", Vn(6, 10),
                new { version = waiting.Version, reason = "Thiếu bản sao giấy tờ tùy thân" });
            app.Clock.Reset();

            var toDue = await SummaryAsync(desk, unit, "2026-01-05", "2026-01-08");
            toDue.GetProperty("inProgressWithinDeadline").GetInt32().ShouldBe(1);
            toDue.GetProperty("inProgressOverdue").GetInt32().ShouldBe(0);
            toDue.GetProperty("awaitingSupplement").GetInt32().ShouldBe(1);

            var dayAfter = await SummaryAsync(desk, unit, "2026-01-09", "2026-01-09");
            dayAfter.GetProperty("carriedOver").GetInt32().ShouldBe(2);
            dayAfter.GetProperty("receivedNew").GetInt32().ShouldBe(0);
            dayAfter.GetProperty("inProgressWithinDeadline").GetInt32().ShouldBe(0);
            dayAfter.GetProperty("inProgressOverdue").GetInt32().ShouldBe(1);
            dayAfter.GetProperty("awaitingSupplement").GetInt32().ShouldBe(1);
            (await DrillDownAsync(desk, unit, "2026-01-09", "2026-01-09", "InProgressOverdue")).ShouldBe([open.Code]);
            (await DrillDownAsync(desk, unit, "2026-01-09", "2026-01-09", "CarriedOver")).ShouldBe([open.Code, waiting.Code], ignoreOrder: true);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_past_period_gives_what_it_gave_then_and_a_supplement_restarts_the_legal_time()
    {
        var (unit, desk, _, specialist, leader) = await _flow.ArrangeAsync();
        try
        {
            var dossier = await ReceiveAndStartAsync(desk);
            var waiting = await _flow.ActAsync(specialist, dossier.Code, "supplement-request", Vn(6, 10),
                new { version = dossier.Version, reason = "Thiếu bản sao giấy tờ tùy thân" });
            app.Clock.SetNow(Vn(7, 17));
            var then = await (await desk.GetAsync($"/api/v1/reports/summary?from=2026-01-05&to=2026-01-07&unitCode={unit}")).Content.ReadAsStringAsync();
            JsonDocument.Parse(then).RootElement.GetProperty("awaitingSupplement").GetInt32().ShouldBe(1);

            // Three working days again from Fri 09/01 14:00: due Tue 13/01 14:00, so a decision on Mon 12/01 is early,
            // though the first due date (Thu 08/01) has passed: the waiting time does not count (§4.5).
            var resumed = await _flow.ActAsync(desk, dossier.Code, "supplement-received", Vn(9, 14), new { version = Version(waiting) });
            await DecideAsync(specialist, leader, dossier.Code, Version(resumed), Vn(12, 16));
            app.Clock.Reset();

            (await (await desk.GetAsync($"/api/v1/reports/summary?from=2026-01-05&to=2026-01-07&unitCode={unit}")).Content.ReadAsStringAsync())
                .ShouldBe(then);
            var later = await SummaryAsync(desk, unit, "2026-01-08", "2026-01-12");
            later.GetProperty("carriedOver").GetInt32().ShouldBe(1);
            later.GetProperty("resolvedEarly").GetInt32().ShouldBe(1);
            later.GetProperty("awaitingSupplement").GetInt32().ShouldBe(0);
            var during = await SummaryAsync(desk, unit, "2026-01-08", "2026-01-08");
            during.GetProperty("awaitingSupplement").GetInt32().ShouldBe(1);
            during.GetProperty("inProgressOverdue").GetInt32().ShouldBe(0);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    private async Task<(string Code, int Version)> ReceiveAndStartAsync(HttpClient desk)
    {
        var (code, started) = await _flow.ReceiveAndStartAsync(desk);
        return (code, Version(started));
    }

    private async Task DecideAsync(HttpClient specialist, HttpClient leader, string code, int version, DateTimeOffset at)
    {
        var atLeader = await _flow.ActAsync(specialist, code, "forward", at.AddMinutes(-30), new { version });
        var signed = await ResultsApiTests.AttachAsync(leader, code, Version(atLeader));
        await _flow.ActAsync(leader, code, "forward", at, new { version = signed });
    }

    internal static async Task<JsonElement> SummaryAsync(HttpClient client, string unit, string from, string to, string extra = "")
    {
        var response = await client.GetAsync($"/api/v1/reports/summary?from={from}&to={to}&unitCode={unit}{extra}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static async Task<List<string>> DrillDownAsync(HttpClient client, string unit, string from, string to, string figure, string extra = "")
    {
        var response = await client.GetAsync($"/api/v1/reports/dossiers?from={from}&to={to}&unitCode={unit}&figure={figure}{extra}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var codes = body.GetProperty("dossiers").EnumerateArray().Select(d => d.GetProperty("code").GetString()!).ToList();
        body.GetProperty("count").GetInt32().ShouldBe(codes.Count);
        return codes;
    }
}
