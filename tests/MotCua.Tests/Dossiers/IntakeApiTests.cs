using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Dossiers;

[Collection(AppCollection.Name)]
public sealed class IntakeApiTests(MotCuaFactory app)
{
    // Xác nhận tình trạng hôn nhân: 3 working days, postal intake allowed.
    private const string MaritalStatus = "1.004873";

    // Đăng ký kết hôn có yếu tố nước ngoài: 15 working days.
    private const string ForeignMarriage = "2.000806";

    // Chứng thực chữ ký: counter only.
    private const string SignatureCertification = "2.000884";

    internal static object Body(string procedure, string channel = "Counter", string idNumber = "045190001234", string? phone = "0912345678", object? postal = null) => new
    {
        procedureCode = procedure,
        channel,
        ownerKind = "Citizen",
        owner = new { name = "Nguyễn Thị Hằng", idType = "CitizenId", idNumber, address = "Thôn Hà Thượng, xã Gio Linh, tỉnh Quảng Trị", phone, email = "hang@example.vn" },
        summary = "Xin cấp giấy xác nhận tình trạng hôn nhân",
        sets = 1,
        components = new[] { new { name = "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", originals = 1, certifiedCopies = 0, copies = 0 } },
        postal,
    };

    [Fact]
    public async Task A_receipt_at_1655_on_the_Friday_before_Tet_2026_is_due_fifteen_working_days_later_on_13_March()
    {
        var (unit, desk) = await app.DeskAsync(ForeignMarriage);
        app.Clock.SetNow(new DateTimeOffset(2026, 2, 13, 16, 55, 0, TimeSpan.FromHours(7)));
        try
        {
            var response = await desk.PostAsJsonAsync("/api/v1/dossiers", Body(ForeignMarriage));
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();

            // 5 minutes on Friday; Tết 16–20/02 skipped; 14 days from Mon 23/02; 7 h 55 min on Fri 13/03.
            json.GetProperty("dueAt").GetString().ShouldBe("2026-03-13T16:55:00+07:00");
            json.GetProperty("code").GetString().ShouldBe($"{unit}-260213-0001");
            json.GetProperty("nationalState").GetInt32().ShouldBe(2);
            json.GetProperty("handlingUnitCode").GetString().ShouldBe(unit);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Two_hundred_parallel_intakes_at_one_desk_get_two_hundred_consecutive_codes()
    {
        var (unit, desk) = await app.DeskAsync(MaritalStatus);
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => desk.PostAsJsonAsync("/api/v1/dossiers", Body(MaritalStatus))));
        foreach (var response in responses)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }

        var codes = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!));
        codes.Distinct().Count().ShouldBe(200);
        codes.ShouldAllBe(c => c.StartsWith(unit + "-", StringComparison.Ordinal));
        codes.Select(c => int.Parse(c[^4..], System.Globalization.CultureInfo.InvariantCulture)).Order().ShouldBe(Enumerable.Range(1, 200));
    }

    [Fact]
    public async Task The_same_idempotency_key_creates_one_dossier_even_when_sent_twice_at_once()
    {
        var (unit, desk) = await app.DeskAsync(MaritalStatus);
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dossiers") { Content = JsonContent.Create(Body(MaritalStatus)) };
            request.Headers.Add("Idempotency-Key", key);
            return desk.SendAsync(request);
        }));
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.OK);
        var codes = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()));
        codes.Distinct().Count().ShouldBe(1);
        app.WithDb(db => db.Dossiers.Count(d => d.ReceivingUnitPath.EndsWith("/" + unit + "/"))).ShouldBe(1);
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_in_Vietnamese_and_nothing_is_written()
    {
        var (unit, desk) = await app.DeskAsync(MaritalStatus, SignatureCertification);
        var badId = await desk.PostAsJsonAsync("/api/v1/dossiers", Body(MaritalStatus, idNumber: "04519000123", phone: "12345"));
        var errors = (await badId.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.GetProperty("owner.idNumber")[0].GetString().ShouldBe("Số định danh cá nhân phải gồm đúng 12 chữ số.");
        errors.GetProperty("owner.phone")[0].GetString().ShouldBe("Số điện thoại không hợp lệ.");

        var unknown = await desk.PostAsJsonAsync("/api/v1/dossiers", Body("9.999999"));
        (await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("procedureCode")[0].GetString()!.ShouldContain("chưa được công bố");

        var online = await desk.PostAsJsonAsync("/api/v1/dossiers", Body(SignatureCertification, channel: "Online"));
        (await online.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("channel")[0].GetString()!.ShouldContain("Trực tuyến");

        var noWaybill = await desk.PostAsJsonAsync("/api/v1/dossiers", Body(MaritalStatus, channel: "Postal"));
        (await noWaybill.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("postal.waybill", out _).ShouldBeTrue();

        app.WithDb(db => db.Dossiers.Count(d => d.ReceivingUnitPath.EndsWith("/" + unit + "/"))).ShouldBe(0);
        app.WithDb(db => db.DossierCodeCounters.Count(c => c.AgencyCode == unit)).ShouldBe(0);
    }

    [Fact]
    public async Task A_postal_dossier_counts_from_the_moment_the_post_delivered_it()
    {
        // Sign in first: the clock only goes back, so the session stays fresh.
        var (_, desk) = await app.DeskAsync(MaritalStatus);
        app.Clock.SetNow(new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.FromHours(7)));
        try
        {
            var delivered = new DateTimeOffset(2026, 11, 13, 16, 0, 0, TimeSpan.FromHours(7));
            var response = await desk.PostAsJsonAsync("/api/v1/dossiers",
                Body(MaritalStatus, channel: "Postal", postal: new { waybill = "EL123456789VN", deliveredAt = delivered, returnByPost = true }));
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            response.StatusCode.ShouldBe(HttpStatusCode.Created, json.ToString());
            json.GetProperty("receivedAt").GetString().ShouldBe("2026-11-13T16:00:00+07:00");
            // Fri 16:00 + 3 working days (24 h): 1 h Friday, Mon, Tue, 7 h Wednesday → Wed 18/11 16:00.
            json.GetProperty("dueAt").GetString().ShouldBe("2026-11-18T16:00:00+07:00");
            var dossier = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{json.GetProperty("code").GetString()}");
            dossier.GetProperty("postalWaybill").GetString().ShouldBe("EL123456789VN");
            dossier.GetProperty("returnByPost").GetBoolean().ShouldBeTrue();
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_commune_desk_routes_a_district_level_procedure_to_the_competent_unit()
    {
        var district = await app.CreateUnitAsync("000.00.00.H50", MotCua.Web.Units.UnitKind.District);
        var commune = await app.CreateUnitAsync(district);
        await app.ProvideAsync(ForeignMarriage, district);
        var desk = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, commune));

        var response = await desk.PostAsJsonAsync("/api/v1/dossiers", Body(ForeignMarriage));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, json.ToString());
        json.GetProperty("receivingUnitCode").GetString().ShouldBe(commune);
        json.GetProperty("handlingUnitCode").GetString().ShouldBe(district);
        json.GetProperty("code").GetString()!.ShouldStartWith(commune + "-");

        // The district's specialist sees it; another commune's officer does not.
        var specialist = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Specialist, district));
        (await specialist.GetAsync($"/api/v1/dossiers/{json.GetProperty("code").GetString()}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (_, stranger) = await app.DeskAsync(MaritalStatus);
        await (await stranger.GetAsync($"/api/v1/dossiers/{json.GetProperty("code").GetString()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Receipt_is_recorded_in_history_and_the_owner_is_notified_through_the_outbox()
    {
        var (unit, desk) = await app.DeskAsync(MaritalStatus);
        var json = await (await desk.PostAsJsonAsync("/api/v1/dossiers", Body(MaritalStatus, phone: "0987111222"))).Content.ReadFromJsonAsync<JsonElement>();
        var id = json.GetProperty("id").GetString();
        var code = json.GetProperty("code").GetString()!;

        var history = app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "Dossier:" + id).ToList());
        history.Single().Action.ShouldBe("dossier.received");
        history.Single().ActorRole.ShouldBe("DeskOfficer");
        history.Single().ActorUnitCode.ShouldBe(unit);
        var messages = app.WithDb(db => db.OutboxMessages.Where(m => m.Topic == "Dossier:" + id).ToList());
        messages.Select(m => m.Channel.ToString()).ShouldBe(["Sms", "Email"], ignoreOrder: true);
        messages.First().Body.ShouldContain(code);
    }

    [Fact]
    public async Task Tracking_answers_the_same_for_a_wrong_code_and_a_wrong_check_value()
    {
        var (_, desk) = await app.DeskAsync(MaritalStatus);
        var json = await (await desk.PostAsJsonAsync("/api/v1/dossiers", Body(MaritalStatus, phone: "0912340567"))).Content.ReadFromJsonAsync<JsonElement>();
        var code = json.GetProperty("code").GetString()!;
        var anonymous = app.Anonymous();

        var byPhone = await anonymous.PostAsJsonAsync("/api/v1/tracking", new { code, check = "0567" });
        var found = await byPhone.Content.ReadFromJsonAsync<JsonElement>();
        byPhone.StatusCode.ShouldBe(HttpStatusCode.OK, found.ToString());
        found.GetProperty("state").GetString().ShouldBe("Đã tiếp nhận");
        found.GetProperty("dueAt").GetString().ShouldBe(json.GetProperty("dueAt").GetString());
        found.GetProperty("timeline")[0].GetProperty("description").GetString().ShouldBe("Bộ phận Một cửa tiếp nhận hồ sơ");
        (await anonymous.PostAsJsonAsync("/api/v1/tracking", new { code, check = json.GetProperty("trackingSecret").GetString() })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.PostAsJsonAsync("/api/v1/tracking", new { code, check = "1234" })).StatusCode.ShouldBe(HttpStatusCode.OK); // last 4 of the ID 045190001234

        var wrongCheck = await (await anonymous.PostAsJsonAsync("/api/v1/tracking", new { code, check = "9999" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var wrongCode = await (await anonymous.PostAsJsonAsync("/api/v1/tracking", new { code = code[..^4] + "9999", check = "0567" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Strip(wrongCheck).ShouldBe(Strip(wrongCode));
    }

    private static string Strip(JsonElement problem) =>
        string.Join("|", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => p.Name + "=" + p.Value));
}
