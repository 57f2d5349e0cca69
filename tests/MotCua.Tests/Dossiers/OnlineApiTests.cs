using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Dossiers;

[Collection(AppCollection.Name)]
public sealed class OnlineApiTests(MotCuaFactory app)
{
    // Xác nhận tình trạng hôn nhân: online (full), 3 working days.
    private const string MaritalStatus = "1.004873";

    // Chứng thực chữ ký: counter only.
    private const string SignatureCertification = "2.000884";

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    internal static object Body(string unit, string procedure = MaritalStatus, string phone = "0905111222") => new
    {
        procedureCode = procedure,
        handlingUnitCode = unit,
        owner = new { name = "Trần Thị Mai", idType = "CitizenId", idNumber = "045190009876", address = "Thôn Gio Mai, xã Gio Linh, tỉnh Quảng Trị", phone, email = "mai@example.vn" },
        summary = "Xin xác nhận tình trạng hôn nhân để đăng ký kết hôn",
    };

    internal const string CitizenPassword = "Mật khẩu công dân 2026";

    /// <summary>A citizen of its own, so no test sees another's dossiers.</summary>
    internal static async Task<HttpClient> CitizenAsync(MotCuaFactory app) => (await RegisterCitizenAsync(app)).Client;

    /// <summary>A citizen of its own, signed in, with the phone number it signs in with (and <see cref="CitizenPassword"/>).</summary>
    internal static async Task<(HttpClient Client, string Phone)> RegisterCitizenAsync(MotCuaFactory app)
    {
        var phone = "09" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register", new { phoneOrEmail = phone, fullName = "Trần Thị Mai", password = CitizenPassword });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await app.SignInAsync(phone, CitizenPassword), phone);
    }

    internal static MultipartFormDataContent Multipart(object? body, params (string Field, string Name, byte[] Content)[] files)
    {
        var content = new MultipartFormDataContent();
        if (body is not null)
        {
            content.Add(new StringContent(JsonSerializer.Serialize(body)), "dossier");
        }

        foreach (var (field, name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(part, field, name);
        }

        return content;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<(string Unit, HttpClient Desk, HttpClient Citizen, string Id)> SubmittedAsync(params (string Field, string Name, byte[] Content)[] files)
    {
        var (unit, desk) = await app.DeskAsync(MaritalStatus);
        var citizen = await CitizenAsync(app);
        var submitted = await JsonAsync(await citizen.PostAsync("/api/v1/online-dossiers", Multipart(Body(unit), files)), HttpStatusCode.Created);
        return (unit, desk, citizen, submitted.GetProperty("id").GetString()!);
    }

    private List<string> History(string id) =>
        app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "Dossier:" + id).OrderBy(e => e.Sequence).Select(e => e.Action).ToList());

    private List<string> Notices(string id) =>
        app.WithDb(db => db.OutboxMessages.Where(m => m.Topic == "Dossier:" + id && m.Channel == MotCua.Web.Integration.Outbox.NotificationChannel.Sms)
            .OrderBy(m => m.Id).Select(m => m.Body).ToList());

    [Fact]
    public async Task An_online_dossier_waits_as_new_without_a_code_and_its_due_date_counts_from_the_moment_the_desk_receives_it()
    {
        // Sign in first: the clock only goes back, so the sessions stay fresh.
        var (unit, desk) = await app.DeskAsync(MaritalStatus);
        var citizen = await CitizenAsync(app);
        try
        {
            app.Clock.SetNow(new DateTimeOffset(2026, 11, 12, 10, 0, 0, TimeSpan.FromHours(7)));
            var submitted = await JsonAsync(await citizen.PostAsync("/api/v1/online-dossiers",
                Multipart(Body(unit), ("component-0", "to-khai.pdf", Pdf))), HttpStatusCode.Created);
            var id = submitted.GetProperty("id").GetString()!;
            submitted.GetProperty("nationalState").GetInt32().ShouldBe(1);
            submitted.GetProperty("submittedAt").GetString().ShouldBe("2026-11-12T10:00:00+07:00");
            submitted.GetProperty("files")[0].GetProperty("component").GetString()!.ShouldStartWith("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân");

            var mine = await JsonAsync(await citizen.GetAsync($"/api/v1/my-dossiers/{id}"), HttpStatusCode.OK);
            mine.GetProperty("code").ValueKind.ShouldBe(JsonValueKind.Null);
            mine.GetProperty("stateText").GetString().ShouldBe("Mới đăng ký");
            var queue = await JsonAsync(await desk.GetAsync("/api/v1/online-dossiers"), HttpStatusCode.OK);
            queue.EnumerateArray().Select(d => d.GetProperty("id").GetString()).ShouldBe([id]);

            // Checked on Monday morning: the code carries Monday's date and 3 working days run from 09:00 Monday.
            app.Clock.SetNow(new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.FromHours(7)));
            var received = await JsonAsync(await desk.PostAsync($"/api/v1/online-dossiers/{id}/receive", null), HttpStatusCode.OK);
            received.GetProperty("code").GetString().ShouldBe($"{unit}-261116-0001");
            received.GetProperty("receivedAt").GetString().ShouldBe("2026-11-16T09:00:00+07:00");
            received.GetProperty("dueAt").GetString().ShouldBe("2026-11-19T09:00:00+07:00");
            received.GetProperty("nationalState").GetInt32().ShouldBe(2);

            var listed = (await JsonAsync(await citizen.GetAsync("/api/v1/my-dossiers"), HttpStatusCode.OK)).EnumerateArray().Single();
            listed.GetProperty("code").GetString().ShouldBe($"{unit}-261116-0001");
            listed.GetProperty("dueAt").GetString().ShouldBe("2026-11-19T09:00:00+07:00");
            (await JsonAsync(await desk.GetAsync("/api/v1/online-dossiers"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);

            History(id).ShouldBe(["dossier.submitted", "dossier.received"]);
            var notices = Notices(id);
            notices.Count.ShouldBe(2);
            notices[1].ShouldContain($"{unit}-261116-0001");
            app.WithDb(db => db.Dossiers.Single(d => d.Id == Guid.Parse(id)).SubmittedFromStaffSession).ShouldBeFalse();
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_dossier_sent_back_for_completion_is_completed_by_the_citizen_and_then_received()
    {
        var (unit, desk, citizen, id) = await SubmittedAsync();
        await (await desk.PostAsJsonAsync($"/api/v1/online-dossiers/{id}/ask-completion", new { reason = " " })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var asked = await JsonAsync(await desk.PostAsJsonAsync($"/api/v1/online-dossiers/{id}/ask-completion",
            new { reason = "Thiếu bản chụp tờ khai có chữ ký" }), HttpStatusCode.OK);
        asked.GetProperty("nationalState").GetInt32().ShouldBe(5);

        var listed = (await JsonAsync(await citizen.GetAsync("/api/v1/my-dossiers"), HttpStatusCode.OK)).EnumerateArray().Single();
        listed.GetProperty("state").GetString().ShouldBe("AwaitingCompletion");
        listed.GetProperty("reason").GetString().ShouldBe("Thiếu bản chụp tờ khai có chữ ký");

        // The desk waits for the completed dossier; the refusal names the state.
        var early = await (await desk.PostAsync($"/api/v1/online-dossiers/{id}/receive", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        early.GetProperty("title").GetString()!.ShouldContain("Chờ công dân bổ sung");
        await (await citizen.PostAsync($"/api/v1/my-dossiers/{id}/resubmit", Multipart(null))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var resubmitted = await JsonAsync(await citizen.PostAsync($"/api/v1/my-dossiers/{id}/resubmit",
            Multipart(null, ("component-0", "to-khai-co-chu-ky.pdf", Pdf))), HttpStatusCode.OK);
        resubmitted.GetProperty("state").GetString().ShouldBe("Submitted");
        resubmitted.GetProperty("files").GetArrayLength().ShouldBe(1);
        await (await citizen.PostAsync($"/api/v1/my-dossiers/{id}/resubmit", Multipart(null, ("component-0", "x.pdf", Pdf)))).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var received = await JsonAsync(await desk.PostAsync($"/api/v1/online-dossiers/{id}/receive", null), HttpStatusCode.OK);
        received.GetProperty("code").GetString()!.ShouldStartWith(unit + "-");
        History(id).ShouldBe(["dossier.submitted", "dossier.completion-requested", "dossier.resubmitted", "dossier.received"]);
        var notices = Notices(id);
        notices.Count.ShouldBe(4);
        notices[1].ShouldContain("Thiếu bản chụp tờ khai có chữ ký");
        app.WithDb(db => db.OutboxMessages.Count(m => m.Topic == "Dossier:" + id)).ShouldBe(8); // SMS and email each time
    }

    [Fact]
    public async Task A_refused_submission_is_closed_with_its_reason_and_can_no_longer_be_received()
    {
        var (_, desk, citizen, id) = await SubmittedAsync();
        var refused = await JsonAsync(await desk.PostAsJsonAsync($"/api/v1/online-dossiers/{id}/refuse",
            new { reason = "Thủ tục không thuộc thẩm quyền của xã" }), HttpStatusCode.OK);
        refused.GetProperty("nationalState").GetInt32().ShouldBe(3);
        await (await desk.PostAsync($"/api/v1/online-dossiers/{id}/receive", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await JsonAsync(await citizen.GetAsync($"/api/v1/my-dossiers/{id}"), HttpStatusCode.OK)).GetProperty("reason").GetString()
            .ShouldBe("Thủ tục không thuộc thẩm quyền của xã");
        History(id).ShouldBe(["dossier.submitted", "dossier.refused"]);
        Notices(id).Last().ShouldContain("Thủ tục không thuộc thẩm quyền của xã");
    }

    [Fact]
    public async Task Of_two_officers_receiving_at_once_one_wins_the_other_gets_409_and_one_code_is_used()
    {
        var (unit, desk, _, id) = await SubmittedAsync();
        var second = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, unit));
        var third = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, unit));

        var responses = await Task.WhenAll(new[] { desk, second, third }.Select(c => c.PostAsync($"/api/v1/online-dossiers/{id}/receive", null)));
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await loser.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        }

        app.WithDb(db => db.DossierCodeCounters.Where(c => c.AgencyCode == unit).Select(c => c.LastValue).Single()).ShouldBe(1);
        app.WithDb(db => db.Dossiers.Count(d => d.Code != null && d.ReceivingUnitPath.EndsWith("/" + unit + "/"))).ShouldBe(1);
        History(id).Count(a => a == "dossier.received").ShouldBe(1);
    }

    [Fact]
    public async Task Officers_of_other_units_and_other_citizens_neither_see_nor_act_on_the_dossier()
    {
        var (unit, desk, citizen, id) = await SubmittedAsync(("component-0", "giay-to.pdf", Pdf));
        var fileId = (await JsonAsync(await citizen.GetAsync($"/api/v1/my-dossiers/{id}"), HttpStatusCode.OK)).GetProperty("files")[0].GetProperty("id").GetString();

        var (_, stranger) = await app.DeskAsync(MaritalStatus);
        await (await stranger.GetAsync($"/api/v1/online-dossiers/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsync($"/api/v1/online-dossiers/{id}/receive", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/v1/dossiers/{id}/files/{fileId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await JsonAsync(await stranger.GetAsync("/api/v1/online-dossiers"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);

        // A specialist of the same unit may read it but the desk decides.
        var specialist = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Specialist, unit));
        (await specialist.GetAsync($"/api/v1/online-dossiers/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await specialist.PostAsJsonAsync($"/api/v1/online-dossiers/{id}/refuse", new { reason = "Không" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var other = await CitizenAsync(app);
        await (await other.GetAsync($"/api/v1/my-dossiers/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/v1/dossiers/{id}/files/{fileId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.PostAsync($"/api/v1/my-dossiers/{id}/resubmit", Multipart(null, ("component-0", "x.pdf", Pdf)))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await JsonAsync(await other.GetAsync("/api/v1/my-dossiers"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
        (await other.GetAsync($"/ho-so-cua-toi/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await citizen.PostAsync($"/api/v1/online-dossiers/{id}/receive", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        foreach (var allowed in new[] { citizen, desk })
        {
            var download = await allowed.GetAsync($"/api/v1/dossiers/{id}/files/{fileId}");
            download.StatusCode.ShouldBe(HttpStatusCode.OK);
            download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
            download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        }
    }

    [Fact]
    public async Task Uploads_are_checked_by_content_and_size_and_a_refused_submission_leaves_nothing()
    {
        var (unit, _) = await app.DeskAsync(MaritalStatus, SignatureCertification);
        var citizen = await CitizenAsync(app);

        byte[] exe = [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];
        var disguised = await citizen.PostAsync("/api/v1/online-dossiers", Multipart(Body(unit), ("component-0", "to-khai.pdf", exe)));
        (await disguised.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("files")[0].GetString()!.ShouldContain("to-khai.pdf");

        var big = new byte[(10 * 1024 * 1024) + 4096];
        Pdf.CopyTo(big, 0);
        await (await citizen.PostAsync("/api/v1/online-dossiers", Multipart(Body(unit), ("component-0", "scan.pdf", big)))).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        var offline = await citizen.PostAsJsonAsync("/api/v1/online-dossiers", Body(unit, SignatureCertification));
        (await offline.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("procedureCode")[0].GetString()!.ShouldContain("Trực tuyến");
        var noUnit = await citizen.PostAsJsonAsync("/api/v1/online-dossiers", Body("000.00.00.X00"));
        (await noUnit.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("handlingUnitCode", out _).ShouldBeTrue();

        (await JsonAsync(await citizen.GetAsync("/api/v1/my-dossiers"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);

        // A dossier without files may be sent as plain JSON.
        (await citizen.PostAsJsonAsync("/api/v1/online-dossiers", Body(unit))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_online_api_is_documented_with_json_and_multipart_bodies()
    {
        var paths = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        var content = paths.GetProperty("/api/v1/online-dossiers").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        content.TryGetProperty("application/json", out _).ShouldBeTrue();
        content.TryGetProperty("multipart/form-data", out _).ShouldBeTrue();
        foreach (var action in new[] { "receive", "ask-completion", "refuse" })
        {
            paths.TryGetProperty($"/api/v1/online-dossiers/{{id}}/{action}", out _).ShouldBeTrue(action);
        }

        paths.TryGetProperty("/api/v1/my-dossiers/{id}/resubmit", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Only_citizens_submit_online()
    {
        var (unit, desk) = await app.DeskAsync(MaritalStatus);
        await (await desk.PostAsJsonAsync("/api/v1/online-dossiers", Body(unit))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous().PostAsJsonAsync("/api/v1/online-dossiers", Body(unit))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var citizen = await CitizenAsync(app);
        await (await citizen.PostAsync("/api/v1/online-dossiers", new ByteArrayContent("{}"u8.ToArray()))).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
