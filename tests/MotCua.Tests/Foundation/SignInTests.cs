using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Foundation;

/// <summary>Sign-in security (OWASP ASVS 5.0 L2). Its own host: these tests move the clock.</summary>
public sealed class SignInTests(MotCuaFactory app) : IClassFixture<MotCuaFactory>
{
    private async Task<(string Phone, string Password)> RegisterCitizenAsync()
    {
        var phone = "09" + Random.Shared.Next(10_000_000, 99_999_999);
        const string password = "Mật khẩu công dân 2026";
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register", new { phoneOrEmail = phone, fullName = "Trần Thị Bình", password });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (phone, password);
    }

    [Fact]
    public async Task Five_failed_passwords_lock_the_account_even_for_the_right_password()
    {
        var (phone, password) = await RegisterCitizenAsync();
        var client = app.Anonymous();
        for (var i = 0; i < 4; i++)
        {
            await (await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = phone, password = "sai mật khẩu " + i })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }

        // The fifth failure locks the account (OWASP ASVS 5.0 V6.3.1).
        await (await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = phone, password = "sai lần năm" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = phone, password });
        var problem = await locked.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        problem.GetProperty("type").GetString().ShouldBe("urn:motcua:problem:locked-out");
    }

    [Fact]
    public async Task Wrong_authenticator_codes_count_towards_the_lockout()
    {
        var commune = await app.CreateUnitAsync("000.00.00.H50");
        var userName = await app.CreateStaffAsync(StaffRole.DeskOfficer, commune);
        var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = DemoSeeder.StaffPassword, code = "000000" });
        }

        var locked = await client.PostAsJsonAsync("/api/v1/auth/login",
            new { userName, password = DemoSeeder.StaffPassword, code = Totp.Code(DemoSeeder.TotpSecret, DateTimeOffset.UtcNow) });
        await locked.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Citizen_registration_refuses_common_and_short_passwords_and_bad_phones()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register", new { phoneOrEmail = "12345", fullName = "", password = "123456789" });
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.GetProperty("phoneOrEmail")[0].GetString()!.ShouldContain("số điện thoại");
        errors.GetProperty("fullName")[0].GetString().ShouldBe("Trường này là bắt buộc.");

        var common = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register", new { phoneOrEmail = "0987000111", fullName = "Lê Văn C", password = "matkhau123" });
        (await common.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("password")[0].GetString()!.ShouldContain("phổ biến");
    }

    [Fact]
    public async Task Sign_in_issues_a_new_session_and_sign_out_ends_it_on_the_server()
    {
        var (phone, password) = await RegisterCitizenAsync();
        var first = app.Anonymous();
        var login1 = await first.PostAsJsonAsync("/api/v1/auth/login", new { userName = phone, password });
        var cookie1 = SessionCookie(login1);
        var login2 = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { userName = phone, password });
        SessionCookie(login2).ShouldNotBe(cookie1);

        (await first.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // Replaying the old cookie after sign-out does not work: the session is gone on the server.
        var replay = app.Anonymous();
        replay.DefaultRequestHeaders.Add("Cookie", cookie1);
        await (await replay.GetAsync("/api/v1/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_open_sessions()
    {
        var commune = await app.CreateUnitAsync("000.00.00.H50");
        var officer = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, commune));
        var me = await officer.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
        (await officer.GetAsync($"/api/v1/units/{commune}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await app.SignInAsync("sysadmin");
        (await admin.PostAsync($"/api/v1/users/{me.GetProperty("id").GetString()}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await officer.GetAsync($"/api/v1/units/{commune}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_back_office_session_ends_after_fifteen_idle_minutes()
    {
        var officer = await app.SignInAsync("sysadmin");
        (await officer.GetAsync("/api/v1/units")).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        try
        {
            await (await officer.GetAsync("/api/v1/units")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Passwords_phones_and_codes_never_reach_the_logs()
    {
        var (phone, password) = await RegisterCitizenAsync();
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { userName = phone, password });
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { userName = phone, password = "sai " + password });
        app.Logs.Lines.ShouldNotBeEmpty();
        app.Logs.Lines.ShouldAllBe(line => !line.Contains(phone) && !line.Contains(password));
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("motcua.session=", StringComparison.Ordinal)).Split(';')[0];
}
