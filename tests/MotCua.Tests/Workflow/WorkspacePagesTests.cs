using System.Net;
using System.Text.RegularExpressions;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Audit;
using Shouldly;

namespace MotCua.Tests.Workflow;

/// <summary>The back-office pages of processing over HTTP: inboxes, the workspace and its actions, the history page.</summary>
[Collection(AppCollection.Name)]
public sealed partial class WorkspacePagesTests(MotCuaFactory app)
{
    private static DateTimeOffset Vn(int day, int hour, int minute = 0) => WorkflowApiTests.Vn(day, hour, minute);

    [Fact]
    public async Task The_office_queue_is_sorted_by_due_date_tells_the_working_time_left_filters_and_pages_on()
    {
        var flow = new WorkflowApiTests(app);
        var (_, desk, _, specialist, _) = await flow.ArrangeAsync();
        try
        {
            // 22 dossiers received on Mon 05/01/2026 from 08:00, a minute apart: 3 working days, due Thu 08/01 from 08:00.
            var codes = new List<string>();
            for (var i = 0; i < 22; i++)
            {
                var code = await flow.ReceiveAsync(desk, Vn(5, 8, i));
                await flow.ActAsync(desk, code, "start", null, new { version = 1 });
                codes.Add(code);
            }

            // Tue 10:00 → Thu 08:00: 5 h on Tuesday, 8 h on Wednesday, 1 h on Thursday.
            app.Clock.SetNow(Vn(6, 10));
            var first = await specialist.GetStringAsync("/backoffice/ho-so?box=phong");
            Rows(first).ShouldBe(codes.Take(20));
            first.ShouldContain("còn 1 ngày 6 giờ làm việc");
            first.ShouldContain("08:00 08/01/2026");
            var next = NextLink().Match(first).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
            next.ShouldNotBeEmpty();
            var second = await specialist.GetStringAsync(next);
            Rows(second).ShouldBe(codes.Skip(20));
            NextLink().IsMatch(second).ShouldBeFalse();

            Rows(await specialist.GetStringAsync("/backoffice/ho-so?box=phong&channel=Online")).ShouldBeEmpty();
            Rows(await specialist.GetStringAsync("/backoffice/ho-so?box=phong&from=2026-01-06")).ShouldBeEmpty();
            Rows(await specialist.GetStringAsync("/backoffice/ho-so?box=phong&from=2026-01-05&to=2026-01-05&procedure=1.004873&state=Processing")).Count.ShouldBe(20);
            Rows(await specialist.GetStringAsync("/backoffice/ho-so?box=phong&procedure=2.000884")).ShouldBeEmpty();
            (await specialist.GetStringAsync("/backoffice/ho-so?box=phong&after=rubbish")).ShouldContain("Con trỏ trang không hợp lệ.");
            (await specialist.GetAsync("/backoffice/ho-so?box=khac")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

            // Fri 10:00: 3.5 + 3.5 h on Thursday and 3 h on Friday past the due moment.
            app.Clock.SetNow(Vn(9, 10));
            var overdue = await desk.GetStringAsync("/backoffice/ho-so?box=qua-han");
            Rows(overdue).ShouldBe(codes.Take(20));
            overdue.ShouldContain("quá hạn 1 ngày 2 giờ làm việc");
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task The_workspace_offers_only_legal_actions_and_a_stale_form_gets_the_concurrency_message()
    {
        var flow = new WorkflowApiTests(app);
        var (_, desk, _, specialist, leader) = await flow.ArrangeAsync();
        var code = await flow.ReceiveAsync(desk, null);
        var id = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Id);
        var url = $"/backoffice/ho-so/{id}";

        var atDesk = await desk.GetStringAsync(url);
        Actions(atDesk).ShouldBe(["start", "stop", "withdraw"]);
        Actions(await specialist.GetStringAsync(url)).ShouldBeEmpty();

        var started = await PostAsync(desk, url, "Start", new() { ["version"] = "1" });
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var afterStart = await desk.GetStringAsync(started.Headers.Location!.OriginalString);
        afterStart.ShouldContain("Đã chuyển hồ sơ sang bước xử lý đầu tiên.");
        afterStart.ShouldContain("data-state=\"4\"");

        var atSpecialist = await specialist.GetStringAsync(url);
        Actions(atSpecialist).ShouldBe(["results", "forward", "assign", "supplement-request", "payment-request"]);
        var stale = await PostAsync(specialist, url, "Forward", new() { ["version"] = "1" });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("Dữ liệu vừa được người khác thay đổi");
        (await PostAsync(specialist, url, "Forward", new() { ["version"] = "2", ["note"] = "Đủ điều kiện" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var atLeader = await leader.GetStringAsync(url);
        Actions(atLeader).ShouldBe(["results", "forward", "send-back", "assign", "supplement-request", "payment-request", "extend", "decline", "stop", "withdraw"]);
        var empty = await PostAsync(leader, url, "Forward", new() { ["version"] = "3" });
        empty.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("chưa có giấy tờ kết quả");
        var back = await PostAsync(leader, url, "SendBack", new() { ["version"] = "3", ["toStep"] = "1", ["reason"] = " " });
        back.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var history = await desk.GetStringAsync(url + "/lich-su");
        history.ShouldContain("Chuỗi lịch sử nguyên vẹn (3 mục");
        history.ShouldContain("data-action=\"dossier.processing-started\"");
        history.ShouldContain("Đã tiếp nhận → Đang xử lý");
        history.ShouldContain("Công chức Bộ phận Một cửa");
        (await specialist.GetAsync($"/backoffice/ho-so/{Guid.NewGuid()}/lich-su")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task From_the_workspace_a_supplement_restarts_the_clock_an_apology_sets_a_new_date_and_a_stop_ends_it_with_its_forms()
    {
        var flow = new WorkflowApiTests(app);
        var (_, desk, _, specialist, leader) = await flow.ArrangeAsync();
        try
        {
            var (code, _) = await flow.ReceiveAndStartAsync(desk);
            var id = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Id);
            var url = $"/backoffice/ho-so/{id}";

            app.Clock.SetNow(Vn(6, 10));
            (await PostAsync(specialist, url, "SupplementRequest", new() { ["version"] = "2", ["reason"] = "Thiếu bản sao giấy tờ tùy thân" }))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var waiting = await desk.GetStringAsync(url + "?done=supplement-request");
            waiting.ShouldContain("data-state=\"5\"");
            waiting.ShouldContain($"{url}/phieu/huong-dan");
            Actions(waiting).ShouldBe(["supplement-received", "stop", "withdraw"]);
            // Form 02 is dated the day the supplement was asked for and names the officer who asked, not the desk's receipt.
            var form02 = await desk.GetStringAsync($"{url}/phieu/huong-dan");
            form02.ShouldContain("06/01/2026");
            form02.ShouldNotContain("05/01/2026");
            var asker = app.WithDb(db => db.AuditEvents.Single(e => e.StreamId == "Dossier:" + id && e.Action == "dossier.supplement-requested").ActorName);
            var receiver = app.WithDb(db => db.AuditEvents.Single(e => e.StreamId == "Dossier:" + id && e.Action == "dossier.received").ActorName);
            asker.ShouldNotBe(receiver);
            form02.ShouldContain(asker);

            // Restarted from Fri 09/01 14:00: three working days, Saturday 10/01 worked in exchange → Tue 13/01 14:00.
            app.Clock.SetNow(Vn(9, 14));
            (await PostAsync(desk, url, "SupplementReceived", new() { ["version"] = "3" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var resumed = await desk.GetStringAsync(url);
            resumed.ShouldContain("14 giờ 00 phút, ngày 13/01/2026");

            // Form 02 stays with the dossier once the supplement arrived, under the dossier's code and dated the day it was asked.
            resumed.ShouldContain($"{url}/phieu/huong-dan");
            var kept = await desk.GetStringAsync($"{url}/phieu/huong-dan");
            kept.ShouldContain("Mã hồ sơ: " + code);
            kept.ShouldContain("Thiếu bản sao giấy tờ tùy thân");
            kept.ShouldContain("06/01/2026");

            app.Clock.SetNow(Vn(12, 9));
            var late = await PostAsync(leader, url, "Extend", new() { ["version"] = "4", ["newDue"] = "2026-01-13T08:00", ["reason"] = "Chờ xác minh" });
            late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await late.Content.ReadAsStringAsync()).ShouldContain("Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại.");
            (await PostAsync(leader, url, "Extend", new() { ["version"] = "4", ["newDue"] = "2026-01-15T09:00", ["reason"] = "Chờ xác minh" }))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var extended = await leader.GetStringAsync(url);
            extended.ShouldContain("9 giờ 00 phút, ngày 15/01/2026");
            extended.ShouldContain($"{url}/bieu-mau/xin-loi");
            Actions(extended).ShouldNotContain("extend");

            (await PostAsync(leader, url, "Stop", new() { ["version"] = "5", ["reason"] = "Công dân đề nghị dừng" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var stopped = await desk.GetStringAsync(url);
            stopped.ShouldContain("data-state=\"8\"");
            stopped.ShouldContain($"{url}/bieu-mau/dung-xu-ly");
            Actions(stopped).ShouldBeEmpty();
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task From_the_workspace_the_office_asks_for_a_fee_and_the_desk_records_the_receipt()
    {
        var flow = new WorkflowApiTests(app);
        var (_, desk, _, specialist, _) = await flow.ArrangeAsync();
        try
        {
            var (code, _) = await flow.ReceiveAndStartAsync(desk);
            var id = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Id);
            var url = $"/backoffice/ho-so/{id}";

            app.Clock.SetNow(Vn(6, 10));
            var bad = await PostAsync(specialist, url, "PaymentRequest", new() { ["version"] = "2", ["purpose"] = "Lệ phí trước bạ", ["amount"] = "-5" });
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await bad.Content.ReadAsStringAsync()).ShouldContain("số nguyên dương");
            (await PostAsync(specialist, url, "PaymentRequest", new() { ["version"] = "2", ["purpose"] = "Lệ phí trước bạ", ["amount"] = "1500000" }))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var waiting = await desk.GetStringAsync(url);
            waiting.ShouldContain("data-state=\"6\"");
            waiting.ShouldContain("1.500.000 đ");
            Actions(waiting).ShouldBe(["payment-confirmed", "stop", "withdraw"]);

            app.Clock.SetNow(Vn(9, 14));
            (await PostAsync(desk, url, "PaymentConfirmed", new() { ["version"] = "3", ["receipt"] = "BL-0004567" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var paid = await specialist.GetStringAsync(url);
            paid.ShouldContain("data-state=\"4\"");
            paid.ShouldContain("BL-0004567");
            paid.ShouldContain("11 giờ 00 phút, ngày 12/01/2026");
            Actions(paid).ShouldContain("forward");
            (await desk.GetStringAsync(url + "/lich-su")).ShouldContain("Chờ thực hiện nghĩa vụ tài chính → Đang xử lý");
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task The_other_agency_answers_a_transfer_from_the_workspace_and_a_rejection_needs_a_reason()
    {
        var (code, specialist, agency, _) = await new TransferApiTests(app).ArrangeAsync();
        var id = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Id);
        var url = $"/backoffice/ho-so/{id}";
        (await PostAsync(specialist, url, "Forward", new() { ["version"] = "2" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var pending = await agency.GetStringAsync(url);
        pending.ShouldContain("chờ cơ quan phối hợp tiếp nhận");
        Actions(pending).ShouldBe(["transfer-accept", "transfer-reject", "results"]);
        Actions(await specialist.GetStringAsync(url)).ShouldNotContain("forward");

        (await PostAsync(agency, url, "RejectTransfer", new() { ["version"] = "3", ["reason"] = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostAsync(agency, url, "RejectTransfer", new() { ["version"] = "3", ["reason"] = "Không thuộc thẩm quyền xác minh" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await agency.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Actions(await specialist.GetStringAsync(url)).ShouldContain("forward");
    }

    [Fact]
    public void A_history_chain_check_names_the_first_altered_or_missing_entry()
    {
        var first = Event(1, AuditEvent.GenesisHash, "dossier.received");
        var second = Event(2, first.Hash, "dossier.processing-started");
        var third = Event(3, second.Hash, "dossier.forwarded");
        VerifyAuditChain.FirstBroken([first, second, third]).ShouldBeNull();

        VerifyAuditChain.FirstBroken([first, third])!.ShouldSatisfyAllConditions(b => b.Sequence.ShouldBe(3), b => b.Reason.ShouldBe("sequence-gap"));
        var altered = new AuditEvent
        {
            StreamId = second.StreamId,
            Sequence = 2,
            OccurredAt = second.OccurredAt,
            ActorName = "Kẻ gian",
            Action = second.Action,
            EntityType = "Dossier",
            EntityId = second.EntityId,
            PreviousHash = first.Hash,
        };
        altered.Seal();
        VerifyAuditChain.FirstBroken([first, altered, third])!.ShouldSatisfyAllConditions(b => b.Sequence.ShouldBe(3), b => b.Reason.ShouldBe("previous-hash-mismatch"));
    }

    private static AuditEvent Event(int sequence, string previous, string action)
    {
        var e = new AuditEvent
        {
            StreamId = "Dossier:x",
            Sequence = sequence,
            OccurredAt = new DateTime(2026, 1, 5, 2, sequence, 0, DateTimeKind.Utc),
            ActorName = "Nguyễn Văn An",
            Action = action,
            EntityType = "Dossier",
            EntityId = "x",
            PreviousHash = previous,
        };
        e.Seal();
        return e;
    }

    internal static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(url);
        fields["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value;
        return await client.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    private static List<string> Rows(string html) => RowCode().Matches(html).Select(m => m.Groups[1].Value).ToList();

    private static List<string> Actions(string html) => ActionButton().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("<tr data-dossier=\"([^\"]+)\"")]
    private static partial Regex RowCode();

    [GeneratedRegex("data-action=\"([a-z-]+)\"")]
    private static partial Regex ActionButton();

    [GeneratedRegex("href=\"([^\"]+)\" rel=\"next\"")]
    private static partial Regex NextLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
