using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Partners;

/// <summary>Partner systems get OAuth 2.0 client-credentials tokens (RFC 6749 §4.4) and reach only their scopes and units.</summary>
[Collection(AppCollection.Name)]
public sealed class PartnerAccessTests(MotCuaFactory app)
{
    // Xác nhận tình trạng hôn nhân.
    private const string MaritalStatus = "1.004873";

    internal sealed record Registered(string ClientId, string Secret);

    /// <summary>Registers a client through the administrators' API.</summary>
    internal static async Task<Registered> RegisterAsync(HttpClient admin, string[] scopes, string[] units, int ratePerMinute = 1000, string kind = "Lgsp")
    {
        var clientId = "lgsp-" + Guid.NewGuid().ToString("N")[..12];
        var response = await admin.PostAsJsonAsync("/api/v1/partners", new { clientId, name = "LGSP tỉnh Quảng Trị", kind, scopes, unitCodes = units, ratePerMinute });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Registered(clientId, json.GetProperty("clientSecret").GetString()!);
    }

    internal static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    internal static async Task<string> TokenAsync(HttpClient client, Registered partner, string? scope = null)
    {
        var fields = new List<(string, string)> { ("grant_type", "client_credentials"), ("client_id", partner.ClientId), ("client_secret", partner.Secret) };
        if (scope is not null)
        {
            fields.Add(("scope", scope));
        }

        var response = await client.PostAsync("/api/v1/oauth/token", Form([.. fields]));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private HttpClient Bearer(string token)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<string> ReceiveAsync(HttpClient desk)
    {
        var response = await desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task A_token_is_issued_with_basic_or_post_authentication_and_never_cached()
    {
        var admin = await app.SignInAsync("sysadmin");
        var partner = await RegisterAsync(admin, ["dossiers.read", "reports.read"], ["000.00.71.H50"]);
        var client = app.Anonymous();

        // client_secret_basic (RFC 6749 §2.3.1), narrowing to one scope.
        using var basic = new HttpRequestMessage(HttpMethod.Post, "/api/v1/oauth/token")
        {
            Content = Form(("grant_type", "client_credentials"), ("scope", "reports.read")),
        };
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(partner.ClientId + ":" + partner.Secret)));
        var response = await client.SendAsync(basic);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        json.GetProperty("token_type").GetString().ShouldBe("Bearer");
        json.GetProperty("expires_in").GetInt32().ShouldBe(600);
        json.GetProperty("scope").GetString().ShouldBe("reports.read");

        // client_secret_post, no scope asked: all of the client's.
        response = await client.PostAsync("/api/v1/oauth/token",
            Form(("grant_type", "client_credentials"), ("client_id", partner.ClientId), ("client_secret", partner.Secret)));
        json = await response.Content.ReadFromJsonAsync<JsonElement>();
        json.GetProperty("scope").GetString().ShouldBe("dossiers.read reports.read");

        // Only the hash is stored, of the token and of the secret.
        var token = json.GetProperty("access_token").GetString()!;
        app.WithDb(db => db.PartnerTokens.Count(t => t.TokenHash == System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(token)))).ShouldBe(1);
        app.WithDb(db => db.PartnerClients.Single(c => c.ClientId == partner.ClientId).SecretHash)
            .ShouldBe(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(partner.Secret)));
    }

    [Fact]
    public async Task Token_errors_are_the_json_of_rfc_6749_section_5_2()
    {
        var admin = await app.SignInAsync("sysadmin");
        var partner = await RegisterAsync(admin, ["dossiers.read"], ["000.00.71.H50"]);
        var client = app.Anonymous();

        async Task Expect(HttpResponseMessage response, HttpStatusCode status, string error)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(status, body);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
            var json = JsonDocument.Parse(body).RootElement;
            json.GetProperty("error").GetString().ShouldBe(error);
            json.GetProperty("error_description").GetString().ShouldNotBeNullOrWhiteSpace();
        }

        var wrongSecret = await client.PostAsync("/api/v1/oauth/token", Form(("grant_type", "client_credentials"), ("client_id", partner.ClientId), ("client_secret", "mcs_wrong")));
        await Expect(wrongSecret, HttpStatusCode.Unauthorized, "invalid_client");
        wrongSecret.Headers.WwwAuthenticate.ToString().ShouldStartWith("Basic");
        await Expect(await client.PostAsync("/api/v1/oauth/token", Form(("grant_type", "client_credentials"), ("client_id", "nobody-here"), ("client_secret", partner.Secret))),
            HttpStatusCode.Unauthorized, "invalid_client");
        await Expect(await client.PostAsync("/api/v1/oauth/token", Form(("grant_type", "password"), ("client_id", partner.ClientId), ("client_secret", partner.Secret))),
            HttpStatusCode.BadRequest, "unsupported_grant_type");
        await Expect(await client.PostAsync("/api/v1/oauth/token", Form(("client_id", partner.ClientId), ("client_secret", partner.Secret))),
            HttpStatusCode.BadRequest, "invalid_request");
        // A scope the client was not granted is refused, not silently dropped.
        await Expect(await client.PostAsync("/api/v1/oauth/token",
                Form(("grant_type", "client_credentials"), ("client_id", partner.ClientId), ("client_secret", partner.Secret), ("scope", "dossiers.read reports.read"))),
            HttpStatusCode.BadRequest, "invalid_scope");

        // Two authentication methods at once (RFC 6749 §2.3).
        using var both = new HttpRequestMessage(HttpMethod.Post, "/api/v1/oauth/token")
        {
            Content = Form(("grant_type", "client_credentials"), ("client_id", partner.ClientId), ("client_secret", partner.Secret)),
        };
        both.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(partner.ClientId + ":" + partner.Secret)));
        await Expect(await client.SendAsync(both), HttpStatusCode.BadRequest, "invalid_request");
        // §4.4.2: a URL-encoded form, not a multipart one.
        using var multipart = new MultipartFormDataContent { { new StringContent("client_credentials"), "grant_type" }, { new StringContent(partner.ClientId), "client_id" },
            { new StringContent(partner.Secret), "client_secret" } };
        await (await client.PostAsync("/api/v1/oauth/token", multipart)).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        app.WithDb(db => db.PartnerTokens.Count(t => t.Client!.ClientId == partner.ClientId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_partner_reads_the_dossiers_of_its_units_only_and_needs_the_scope()
    {
        var admin = await app.SignInAsync("sysadmin");
        var (mine, myDesk) = await app.DeskAsync(MaritalStatus);
        var (_, otherDesk) = await app.DeskAsync(MaritalStatus);
        var own = await ReceiveAsync(myDesk);
        var foreign = await ReceiveAsync(otherDesk);
        var partner = await RegisterAsync(admin, ["dossiers.read", "reports.read"], [mine]);

        var reader = Bearer(await TokenAsync(app.Anonymous(), partner, "dossiers.read"));
        var response = await reader.GetAsync($"/api/v1/dossiers/{own}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handlingUnitCode").GetString().ShouldBe(mine);
        // Another unit's dossier does not exist for this partner.
        await (await reader.GetAsync($"/api/v1/dossiers/{foreign}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // Its read of the owner's personal data is logged under its name.
        app.WithDb(db => db.PersonalDataReads.Count(r => r.DossierCode == own && r.ActorRole == "Partner" && r.ActorName == "LGSP tỉnh Quảng Trị")).ShouldBe(1);

        // The token was narrowed to dossiers.read: the reports answer 403, in Vietnamese, naming the scope.
        var refused = await reader.GetAsync($"/api/v1/reports/summary?unitCode={mine}&from=2026-01-01&to=2026-12-31");
        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        problem.GetProperty("detail").GetString().ShouldBe("Mã truy cập không có phạm vi reports.read mà chức năng này yêu cầu.");
        refused.Headers.WwwAuthenticate.ToString().ShouldContain("error=\"insufficient_scope\"");

        // Operations not open to partners refuse the token, even those any signed-in user may call.
        await (await reader.GetAsync("/api/v1/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_partner_with_reports_read_gets_the_figures_of_its_subtree_and_not_above_it()
    {
        var admin = await app.SignInAsync("sysadmin");
        var (mine, desk) = await app.DeskAsync(MaritalStatus);
        await ReceiveAsync(desk);
        await ReceiveAsync(desk);
        var partner = await RegisterAsync(admin, ["reports.read"], [mine], kind: "Ministry");
        var reader = Bearer(await TokenAsync(app.Anonymous(), partner));
        var year = app.Clock.GetUtcNow().Year;

        var response = await reader.GetAsync($"/api/v1/reports/summary?unitCode={mine}&from={year}-01-01&to={year}-12-31");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var figures = await response.Content.ReadFromJsonAsync<JsonElement>();
        figures.GetProperty("unitCode").GetString().ShouldBe(mine);
        figures.GetProperty("receivedNew").GetInt32().ShouldBe(2);

        // The province above its commune is not its to read.
        await (await reader.GetAsync($"/api/v1/reports/summary?unitCode=000.00.00.H50&from={year}-01-01&to={year}-12-31")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Expired_unknown_rotated_and_disabled_tokens_get_401()
    {
        var admin = await app.SignInAsync("sysadmin");
        var (mine, desk) = await app.DeskAsync(MaritalStatus);
        var code = await ReceiveAsync(desk);
        var partner = await RegisterAsync(admin, ["dossiers.read"], [mine]);

        async Task ShouldBeRefused(string token)
        {
            var response = await Bearer(token).GetAsync($"/api/v1/dossiers/{code}");
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            problem.GetProperty("detail").GetString()!.ShouldStartWith("Mã truy cập không hợp lệ");
            response.Headers.WwwAuthenticate.ToString().ShouldContain("error=\"invalid_token\"");
        }

        await ShouldBeRefused("mct_" + new string('A', 43));

        // Ten minutes and a second later the token has expired.
        var expiring = await TokenAsync(app.Anonymous(), partner);
        app.Clock.SetNow(app.Clock.GetUtcNow().AddMinutes(10).AddSeconds(1));
        try
        {
            await ShouldBeRefused(expiring);
        }
        finally
        {
            app.Clock.Reset();
        }

        // Rotation: the old secret and the tokens issued under it stop at once; the new secret works.
        var beforeRotation = await TokenAsync(app.Anonymous(), partner);
        (await Bearer(beforeRotation).GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var rotated = await admin.PostAsync($"/api/v1/partners/{partner.ClientId}/rotate-secret", null);
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK, await rotated.Content.ReadAsStringAsync());
        var secret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString()!;
        await ShouldBeRefused(beforeRotation);
        (await app.Anonymous().PostAsync("/api/v1/oauth/token", Form(("grant_type", "client_credentials"), ("client_id", partner.ClientId), ("client_secret", partner.Secret))))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var afterRotation = await TokenAsync(app.Anonymous(), partner with { Secret = secret });
        (await Bearer(afterRotation).GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Disabling: its tokens stop, and it gets no new one.
        (await admin.PostAsync($"/api/v1/partners/{partner.ClientId}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeRefused(afterRotation);
        (await app.Anonymous().PostAsync("/api/v1/oauth/token", Form(("grant_type", "client_credentials"), ("client_id", partner.ClientId), ("client_secret", secret))))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Every registry change is in the client's history, without the secret.
        var history = app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "PartnerClient:" + partner.ClientId).OrderBy(e => e.Sequence)
            .Select(e => new { e.Action, e.ActorName, e.After }).ToList());
        history.Select(h => h.Action).ShouldBe(["partner.registered", "partner.secret-rotated", "partner.disabled"]);
        history.ShouldAllBe(h => h.ActorName == "Quản trị hệ thống");
        history.ShouldAllBe(h => !h.After!.Contains(partner.Secret) && !h.After.Contains(secret));
    }

    [Fact]
    public async Task One_client_past_its_rate_gets_429_with_retry_after_while_another_goes_on()
    {
        var admin = await app.SignInAsync("sysadmin");
        var (mine, desk) = await app.DeskAsync(MaritalStatus);
        var code = await ReceiveAsync(desk);
        var slow = await RegisterAsync(admin, ["dossiers.read"], [mine], ratePerMinute: 3);
        var other = await RegisterAsync(admin, ["dossiers.read"], [mine], ratePerMinute: 3);
        var slowClient = Bearer(await TokenAsync(app.Anonymous(), slow));
        var otherClient = Bearer(await TokenAsync(app.Anonymous(), other));

        for (var i = 0; i < 3; i++)
        {
            (await slowClient.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var throttled = await slowClient.GetAsync($"/api/v1/dossiers/{code}");
        await throttled.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        (await otherClient.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Staff are not counted against any partner.
        (await admin.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.WithDb(db => db.PartnerCalls.Where(c => c.ClientId == slow.ClientId && c.Path == "/api/v1/dossiers/" + code).Select(c => c.Status).ToList())
            .Order().ShouldBe([200, 200, 200, 429]);
    }

    [Fact]
    public async Task Every_partner_call_is_logged_and_the_log_cannot_be_changed()
    {
        var admin = await app.SignInAsync("sysadmin");
        var (mine, desk) = await app.DeskAsync(MaritalStatus);
        var code = await ReceiveAsync(desk);
        var partner = await RegisterAsync(admin, ["dossiers.read"], [mine], kind: "NationalPortal");
        var reader = Bearer(await TokenAsync(app.Anonymous(), partner));
        (await reader.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.GetAsync("/api/v1/reports/summary?unitCode=" + mine + "&from=2026-01-01&to=2026-01-31")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var today = MotCua.Web.Dossiers.DossierTime.VietnamDate(app.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var report = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/partners/calls?from={today}&to={today}&clientId={partner.ClientId}");
        var calls = report.GetProperty("calls").EnumerateArray()
            .Select(c => (c.GetProperty("method").GetString(), c.GetProperty("path").GetString(), c.GetProperty("status").GetInt32(), c.GetProperty("scope").GetString()))
            .Reverse().ToList();
        calls.ShouldBe([
            ("POST", "/api/v1/oauth/token", 200, null),
            ("GET", "/api/v1/dossiers/" + code, 200, "dossiers.read"),
            ("GET", "/api/v1/reports/summary", 403, "reports.read"),
        ]);
        report.GetProperty("total").GetInt32().ShouldBe(3);

        // The log is append-only, in the database itself.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MotCua.Web.MotCuaDbContext>();
            db.PartnerCalls.Remove(await db.PartnerCalls.FirstAsync(c => c.ClientId == partner.ClientId));
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        // Only a system administrator reads the registry and the log.
        var supervisor = await app.SignInAsync("tinh.giamsat");
        (await supervisor.GetAsync("/api/v1/partners/calls")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await supervisor.GetAsync("/api/v1/partners")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Registration_checks_its_input_and_two_rotations_at_once_give_one_secret()
    {
        var admin = await app.SignInAsync("sysadmin");
        var invalid = await admin.PostAsJsonAsync("/api/v1/partners",
            new { clientId = "Bad Id", name = "", kind = "Lgsp", scopes = new[] { "dossiers.write" }, unitCodes = new[] { "999.99.99.T99" }, ratePerMinute = 0 });
        var errors = (await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Order().ShouldBe(["clientId", "name", "ratePerMinute", "scopes", "unitCodes"]);
        errors.GetProperty("scopes")[0].GetString().ShouldBe("Không có phạm vi dossiers.write.");

        var partner = await RegisterAsync(admin, ["dossiers.read"], ["000.00.71.H50"]);
        var again = await admin.PostAsJsonAsync("/api/v1/partners",
            new { clientId = partner.ClientId, name = "Trùng", kind = "Other", scopes = new[] { "dossiers.read" }, unitCodes = new[] { "000.00.71.H50" }, ratePerMinute = 5 });
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var other = await app.SignInAsync("sysadmin");
        var rotations = await Task.WhenAll(admin.PostAsync($"/api/v1/partners/{partner.ClientId}/rotate-secret", null),
            other.PostAsync($"/api/v1/partners/{partner.ClientId}/rotate-secret", null));
        var winners = rotations.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        rotations.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict);
        // Sequential rotations both succeed; concurrent ones that collide leave exactly one secret in force.
        var last = (await Task.WhenAll(winners.Select(async w => (await w.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secretVersion").GetInt32()))).Max();
        app.WithDb(db => db.PartnerClients.Single(c => c.ClientId == partner.ClientId).SecretVersion).ShouldBe(last);
        app.WithDb(db => db.AuditEvents.Count(e => e.StreamId == "PartnerClient:" + partner.ClientId && e.Action == "partner.secret-rotated")).ShouldBe(winners.Count);
    }

    [Fact]
    public async Task The_api_document_declares_the_client_credentials_scheme_and_which_operations_partners_may_call()
    {
        var document = await app.LoadApiDocumentAsync();
        var scheme = document["components"]!["securitySchemes"]!["partner"]!;
        scheme["type"]!.GetValue<string>().ShouldBe("oauth2");
        scheme["flows"]!["clientCredentials"]!["tokenUrl"]!.GetValue<string>().ShouldBe("/api/v1/oauth/token");
        scheme["flows"]!["clientCredentials"]!["scopes"]!.AsObject().Select(s => s.Key).ShouldBe(["dossiers.read", "reports.read"]);

        string[] Security(string path, string method) =>
            [.. document["paths"]![path]![method]!["security"]!.AsArray()
                .Select(r => r!.AsObject().Single())
                .Select(r => r.Key + ":" + string.Join(',', r.Value!.AsArray().Select(s => s!.GetValue<string>())))];
        Security("/api/v1/dossiers/{code}", "get").ShouldBe(["session:", "partner:dossiers.read"]);
        Security("/api/v1/reports/summary", "get").ShouldBe(["session:", "partner:reports.read"]);
        Security("/api/v1/dossiers", "post").ShouldBe(["session:"]);
        document["paths"]!["/api/v1/dossiers/{code}"]!["get"]!["responses"]!["429"].ShouldNotBeNull();
    }
}
