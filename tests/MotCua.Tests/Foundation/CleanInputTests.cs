using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Foundation;

/// <summary>Enums by name only and no control characters in text, on every way in; both databases answer alike.</summary>
[Collection(AppCollection.Name)]
public sealed class CleanInputTests(MotCuaFactory app)
{
    private const string MaritalStatus = "1.004873";
    private const string ControlCharacters = "Không được chứa ký tự điều khiển.";

    public static TheoryData<string, string> EnumValues => new()
    {
        { "channel", "-1" },
        { "channel", "1" },
        { "channel", "\"1\"" },
        { "channel", "\"Teleport\"" },
        { "channel", "\"Counter, Postal\"" },
        { "ownerKind", "-1" },
        { "owner.idType", "-1" },
        { "owner.idType", "\"Passport2\"" },
    };

    [Theory]
    [MemberData(nameof(EnumValues))]
    public async Task An_enum_given_by_number_or_by_an_unknown_name_is_a_field_error_and_no_dossier_is_written(string field, string value)
    {
        var (unit, desk) = await app.DeskAsync(MaritalStatus);
        var body = Intake(field, JsonNode.Parse(value));

        var problem = await (await desk.PostAsync("/api/v1/dossiers", Json(body))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("title").GetString().ShouldBe("Dữ liệu chưa hợp lệ.");
        problem.GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldStartWith("Giá trị không hợp lệ; dùng một trong các giá trị:");
        app.WithDb(db => db.Dossiers.Count(d => d.Code!.StartsWith(unit))).ShouldBe(0);
    }

    [Fact]
    public async Task Enum_names_are_read_in_any_case()
    {
        var (_, desk) = await app.DeskAsync(MaritalStatus);
        var response = await desk.PostAsync("/api/v1/dossiers", Json(Intake("channel", "counter")));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("owner.name", "Nguyễn\0Hằng")]
    [InlineData("summary", "Xin xác nhận\u0007")]
    [InlineData("components[0].name", "Tờ khai\u001B")]
    [InlineData("owner.address", "Thôn\u007FHà")]
    public async Task A_control_character_in_any_text_of_an_intake_is_a_field_error(string field, string value)
    {
        var (unit, desk) = await app.DeskAsync(MaritalStatus);
        var problem = await (await desk.PostAsync("/api/v1/dossiers", Json(Intake(field, value)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe(ControlCharacters);
        app.WithDb(db => db.Dossiers.Count(d => d.Code!.StartsWith(unit))).ShouldBe(0);
    }

    [Fact]
    public async Task Tab_and_line_breaks_are_text_and_a_right_to_left_mark_is_no_error()
    {
        var (_, desk) = await app.DeskAsync(MaritalStatus);
        var response = await desk.PostAsync("/api/v1/dossiers", Json(Intake("summary", "Dòng một\r\n\tDòng hai \u202Eđảo chiều")));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anonymous_tracking_sign_in_and_registration_refuse_a_nul_byte_as_a_field_error()
    {
        var anonymous = app.Anonymous();
        var tracking = await (await anonymous.PostAsJsonAsync("/api/v1/tracking", new { code = "000.00.00.H50-260101-0001\0", check = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        tracking.GetProperty("errors").GetProperty("code")[0].GetString().ShouldBe(ControlCharacters);

        var signIn = await (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "sysadmin\0", password = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        signIn.GetProperty("errors").GetProperty("userName")[0].GetString().ShouldBe(ControlCharacters);

        var register = await (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { phoneOrEmail = "0905000111", fullName = "Trần\0Mai", password = "Dan-Demo-2026!" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        register.GetProperty("errors").GetProperty("fullName")[0].GetString().ShouldBe(ControlCharacters);

        // Whoever sent it, the next person signs in.
        await app.SignInAsync("0912345678");
    }

    [Fact]
    public async Task Query_route_and_header_values_with_control_characters_are_field_errors()
    {
        var anonymous = app.Anonymous();
        var query = await (await anonymous.GetAsync("/api/v1/procedures?q=h%C3%B4n%00nh%C3%A2n")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        query.GetProperty("errors").GetProperty("q")[0].GetString().ShouldBe(ControlCharacters);

        var route = await (await anonymous.GetAsync("/api/v1/procedures/1.004873%01")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        route.GetProperty("errors").GetProperty("code")[0].GetString().ShouldBe(ControlCharacters);

        var (_, desk) = await app.DeskAsync(MaritalStatus);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dossiers") { Content = Json(Intake("summary", "Xin xác nhận")) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "key\u0001");
        var header = await (await desk.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        header.GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString().ShouldBe(ControlCharacters);
    }

    [Fact]
    public async Task A_page_form_post_with_a_control_character_gets_a_400_page_listing_the_field_error()
    {
        var response = await PostLoginFormAsync("sysadmin\u0001");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        page.ShouldContain("<h1>Dữ liệu chưa hợp lệ.</h1>");
        page.ShouldContain("<li>" + ControlCharacters + "</li>");

        // The form reader itself refuses a NUL byte.
        (await PostLoginFormAsync("sysadmin\0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_import_with_a_control_character_is_refused_whole()
    {
        var admin = await app.SignInAsync("sysadmin");
        var code = MotCuaFactory.UniqueCode();
        var csv = $"code,name,kind,level,parentCode,validFrom\n{code},Xã\u0000Thử,Commune,Commune,000.00.00.H50,2020-01-01\n";
        var problem = await (await admin.PostAsync("/api/v1/units/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("file")[0].GetString().ShouldBe(ControlCharacters);

        var json = $"[{{\"code\": \"{code}\", \"name\": \"Xã\\u0000Thử\", \"kind\": \"Commune\", \"parentCode\": \"000.00.00.H50\", \"validFrom\": \"2020-01-01\"}}]";
        var escaped = await (await admin.PostAsync("/api/v1/units/import", new StringContent(json, Encoding.UTF8, "application/json"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        escaped.GetProperty("errors").GetProperty("[0].name")[0].GetString().ShouldBe(ControlCharacters);
        app.WithDb(db => db.Units.Count(u => u.Code == code)).ShouldBe(0);
    }

    /// <summary>A valid counter intake with one value replaced, at a dotted path such as <c>owner.idType</c> or <c>components[0].name</c>.</summary>
    private static JsonObject Intake(string path, JsonNode? value)
    {
        var body = JsonSerializer.SerializeToNode(IntakeApiTests.Body(MaritalStatus))!.AsObject();
        JsonNode node = body;
        var steps = path.Replace("[", ".[", StringComparison.Ordinal).Split('.');
        for (var i = 0; i < steps.Length - 1; i++)
        {
            node = steps[i].StartsWith('[') ? node[int.Parse(steps[i][1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : node[steps[i]]!;
        }

        node[steps[^1]] = value;
        return body;
    }

    private Task<HttpResponseMessage> PostLoginFormAsync(string userName)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent([new("UserName", userName), new("Password", "x")]),
        };
        request.Headers.Accept.ParseAdd("text/html");
        return app.Anonymous().SendAsync(request);
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
