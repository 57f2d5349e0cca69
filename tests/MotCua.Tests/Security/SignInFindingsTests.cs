using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Security;

/// <summary>The sign-in findings of issue 17, each as a regression test. Its own host: these tests move the clock.</summary>
public sealed class SignInFindingsTests(MotCuaFactory app) : IClassFixture<MotCuaFactory>
{
    private static readonly DateTimeOffset Moment = new(2026, 12, 7, 3, 0, 10, TimeSpan.Zero);

    private Task<HttpResponseMessage> LogInAsync(string userName, string code) =>
        app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { userName, password = DemoSeeder.StaffPassword, code });

    [Fact]
    public async Task A_totp_code_can_be_replayed_no_more()
    {
        var officer = await app.CreateStaffAsync(StaffRole.DeskOfficer, await app.CreateUnitAsync("000.00.00.H50"));
        app.Clock.SetNow(Moment);
        try
        {
            var step = Totp.Step(Moment);
            (await LogInAsync(officer, Totp.Code(DemoSeeder.TotpSecret, step))).StatusCode.ShouldBe(HttpStatusCode.OK);

            // The same code again within its 30 seconds: refused, as RFC 6238 §5.2 requires.
            var replay = await (await LogInAsync(officer, Totp.Code(DemoSeeder.TotpSecret, step))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            replay.GetProperty("type").GetString().ShouldBe("urn:motcua:problem:second-factor-required");

            // The next step's code is new and passes; after it, an older step's code no longer does.
            (await LogInAsync(officer, Totp.Code(DemoSeeder.TotpSecret, step + 1))).StatusCode.ShouldBe(HttpStatusCode.OK);
            await (await LogInAsync(officer, Totp.Code(DemoSeeder.TotpSecret, step - 1))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task The_same_totp_code_sent_twice_at_once_signs_in_once()
    {
        var officer = await app.CreateStaffAsync(StaffRole.DeskOfficer, await app.CreateUnitAsync("000.00.00.H50"));
        app.Clock.SetNow(Moment);
        try
        {
            var code = Totp.Code(DemoSeeder.TotpSecret, Moment);
            var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => LogInAsync(officer, code)));
            answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1, string.Join(", ", answers.Select(a => a.StatusCode)));
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Theory]
    [InlineData("Password123!")]
    [InlineData("password123")]
    [InlineData("Sunshine2026!")]
    // Deep in the shipped list (about 50,000 passwords), far past the old list of 341.
    [InlineData("seniseviyor")]
    public async Task Password123_is_accepted_at_registration_no_more(string password)
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register", new { phoneOrEmail = Phone(), fullName = "Lê Văn Cường", password });
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("password")[0].GetString()!.ShouldContain("phổ biến");
    }

    [Theory]
    [InlineData("phone", "NguyenThiHoa-2026")]
    [InlineData("phone", "Hoa.Nguyễn.Thị")]
    [InlineData("phone", "mã số {login}!")]
    [InlineData("email", "tôi là {login} đây")]
    public async Task A_password_built_on_the_accounts_own_data_is_refused(string kind, string template)
    {
        var phone = Phone();
        var login = kind == "phone" ? phone : "hoa" + phone[2..] + "@example.vn";
        var password = template.Replace("{login}", kind == "phone" ? phone : login.Split('@')[0], StringComparison.Ordinal);
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register", new { phoneOrEmail = login, fullName = "Nguyễn Thị Hoa", password });
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("password")[0].GetString()!.ShouldContain("thông tin");
    }

    [Fact]
    public async Task A_long_passphrase_of_ones_own_passes()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register",
            new { phoneOrEmail = Phone(), fullName = "Nguyễn Thị Hoa", password = "Mây trắng bay qua đồi chè 2026" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_sensitive_change_asks_for_the_password_again_after_ten_minutes()
    {
        var admin = await app.SignInAsync("sysadmin");
        object Unit() => new { code = MotCuaFactory.UniqueCode(), name = "Xã Thử Xác Thực", kind = "Commune", parentCode = "000.00.00.H50", validFrom = "2020-01-01" };
        // Right after sign-in the session counts as freshly authenticated.
        (await admin.PostAsJsonAsync("/api/v1/units", Unit())).StatusCode.ShouldBe(HttpStatusCode.Created);

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        try
        {
            var stale = await (await admin.PostAsJsonAsync("/api/v1/units", Unit())).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            stale.GetProperty("type").GetString().ShouldBe("urn:motcua:problem:reauthentication-required");
            // Reading stays open, and the session itself is still alive.
            (await admin.GetAsync("/api/v1/units")).StatusCode.ShouldBe(HttpStatusCode.OK);

            var wrong = await admin.PostAsJsonAsync("/api/v1/auth/reauthenticate", new { password = "không phải mật khẩu" });
            (await wrong.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("type").GetString().ShouldBe("urn:motcua:problem:reauthentication-failed");

            (await admin.PostAsJsonAsync("/api/v1/auth/reauthenticate", new { password = DemoSeeder.StaffPassword })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            (await admin.PostAsJsonAsync("/api/v1/units", Unit())).StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Staff_see_and_end_their_own_sessions_and_an_administrator_ends_anyones()
    {
        var officer = await app.CreateStaffAsync(StaffRole.DeskOfficer, await app.CreateUnitAsync("000.00.00.H50"));
        var laptop = await app.SignInAsync(officer);
        var phone = await app.SignInAsync(officer);

        var sessions = await laptop.GetFromJsonAsync<JsonElement>("/api/v1/auth/sessions");
        sessions.GetArrayLength().ShouldBe(2);
        var other = sessions.EnumerateArray().Single(s => !s.GetProperty("current").GetBoolean()).GetProperty("handle").GetString();
        (await laptop.DeleteAsync($"/api/v1/auth/sessions/{other}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await phone.GetAsync("/api/v1/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await laptop.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Not someone else's: a desk officer may not list or end another account's sessions.
        var id = (await laptop.GetFromJsonAsync<JsonElement>("/api/v1/auth/me")).GetProperty("id").GetString();
        var colleague = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, await app.CreateUnitAsync("000.00.00.H50")));
        await (await colleague.DeleteAsync($"/api/v1/users/{id}/sessions")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var admin = await app.SignInAsync("sysadmin");
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{id}/sessions")).GetArrayLength().ShouldBe(1);
        (await admin.DeleteAsync($"/api/v1/users/{id}/sessions")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await laptop.GetAsync("/api/v1/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        app.WithDb(db => db.AuditEvents.Count(e => e.EntityId == id && (e.Action == "session.revoked" || e.Action == "session.revoked-all"))).ShouldBe(2);
    }

    private static string Phone() => "09" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
