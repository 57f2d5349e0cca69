using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.CitizenIdentity;

/// <summary>
/// Citizen sign-in with the national identity (issue 20 part 4): OpenID Connect code flow with PKCE, state and nonce, against the
/// provider simulator, a separate process (tools/oidc-provider/provider.py). Every failure ends on the sign-in page with a reason.
/// </summary>
[Collection(NationalIdentityCollection.Name)]
public sealed class NationalIdentitySignInTests(NationalIdentityHost app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<JsonElement> MeAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/auth/me");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    private List<string> AccountHistory(Guid user) =>
        app.WithDb(db => db.AuditEvents.Where(e => e.EntityType == "Account" && e.EntityId == user.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToList());

    [Fact]
    public async Task A_verified_person_gets_a_citizen_account_linked_and_signed_in_and_the_next_sign_in_finds_the_same_account()
    {
        var person = Person.New();
        var client = app.Browserless();
        var authorize = await NationalSignIn.StartAsync(client, "/ho-so-cua-toi");
        authorize.GetLeftPart(UriPartial.Path).ShouldBe(TestOidcProvider.Address + "/authorize");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query);
        query["code_challenge_method"].ToString().ShouldBe("S256");
        query["code_challenge"].ToString().Length.ShouldBe(43);
        query["state"].ToString().Length.ShouldBe(43);
        query["nonce"].ToString().Length.ShouldBe(43);
        query["redirect_uri"].ToString().ShouldBe(app.BaseUrl + "/account/vneid/callback");

        var back = await client.GetAsync(await NationalSignIn.AnswerAsync(authorize, person));
        back.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await back.Content.ReadAsStringAsync()).ShouldContain("url=/ho-so-cua-toi");
        var me = await MeAsync(client);
        me.GetProperty("name").GetString().ShouldBe(person.Name);
        var user = me.GetProperty("id").GetGuid();
        app.WithDb(db => db.Users.Single(u => u.Id == user).UserName).ShouldBe(person.IdNumber);
        var link = app.WithDb(db => db.NationalIdentityLinks.Single(l => l.IdNumber == person.IdNumber));
        link.UserId.ShouldBe(user);
        link.Issuer.ShouldBe(TestOidcProvider.Address);
        link.BirthDate.ShouldBe(new DateOnly(1988, 3, 9));
        AccountHistory(user).ShouldBe(["account.registered", "account.national-identity-linked"]);

        // Another browser, the same person: the same account, no second link.
        var again = app.Browserless();
        (await NationalSignIn.SignInAsync(again, person)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MeAsync(again)).GetProperty("id").GetGuid().ShouldBe(user);
        app.WithDb(db => db.NationalIdentityLinks.Count(l => l.UserId == user)).ShouldBe(1);
        AccountHistory(user).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_citizen_signed_in_with_a_password_links_their_own_account()
    {
        var phone = "09" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var citizen = app.Browserless();
        (await citizen.PostAsJsonAsync("/api/v1/auth/register", new { phoneOrEmail = phone, fullName = "Lê Thị Hồng", password = "Mật khẩu công dân 2026" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await citizen.PostAsJsonAsync("/api/v1/auth/login", new { userName = phone, password = "Mật khẩu công dân 2026" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = (await MeAsync(citizen)).GetProperty("id").GetGuid();
        var person = Person.New();
        (await NationalSignIn.SignInAsync(citizen, person)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MeAsync(citizen)).GetProperty("id").GetGuid().ShouldBe(before);
        app.WithDb(db => db.NationalIdentityLinks.Single(l => l.IdNumber == person.IdNumber).UserId).ShouldBe(before);
        AccountHistory(before).ShouldContain("account.national-identity-linked");
    }

    [Fact]
    public async Task A_cancelled_sign_in_comes_back_to_the_sign_in_page_with_a_message_and_no_session()
    {
        var client = app.Browserless();
        var person = Person.New();
        var back = await NationalSignIn.SignInAsync(client, person, "cancel");
        NationalSignIn.FailureOf(back).ShouldBe("cancelled");
        (await client.GetStringAsync("/account/login?vneid=cancelled")).ShouldContain("Bạn đã hủy đăng nhập bằng tài khoản định danh điện tử.");
        (await client.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        app.WithDb(db => db.NationalIdentityLinks.Any(l => l.IdNumber == person.IdNumber)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_callback_with_a_state_this_browser_did_not_send_is_refused_before_the_code_is_used()
    {
        var person = Person.New();
        var started = app.Browserless();
        var callback = await NationalSignIn.AnswerAsync(await NationalSignIn.StartAsync(started), person);

        // Another browser (no pending sign-in) brings the code: a login CSRF attempt.
        NationalSignIn.FailureOf(await app.Browserless().GetAsync(callback)).ShouldBe("bad-state");
        // The browser that started, with another state.
        var forged = callback.OriginalString.Replace("state=", "state=x", StringComparison.Ordinal);
        NationalSignIn.FailureOf(await started.GetAsync(forged)).ShouldBe("bad-state");
        (await started.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        app.WithDb(db => db.NationalIdentityLinks.Any(l => l.IdNumber == person.IdNumber)).ShouldBeFalse();
        (await app.Browserless().GetStringAsync("/account/login?vneid=bad-state")).ShouldContain("không hợp lệ hoặc đã hết hạn");
    }

    [Fact]
    public async Task An_id_token_signed_with_a_key_that_is_not_the_providers_is_refused()
    {
        var person = Person.New();
        await app.ModeAsync("bad-signature");
        try
        {
            NationalSignIn.FailureOf(await NationalSignIn.SignInAsync(app.Browserless(), person)).ShouldBe("refused");
        }
        finally
        {
            await app.ModeAsync("normal");
        }

        app.WithDb(db => db.NationalIdentityLinks.Any(l => l.IdNumber == person.IdNumber)).ShouldBeFalse();
        app.Logs.Lines.ShouldContain(l => l.Contains("signature does not verify", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_endpoint_that_does_not_answer_in_time_ends_on_the_sign_in_page_within_the_timeouts()
    {
        var client = app.Browserless();
        var callback = await NationalSignIn.AnswerAsync(await NationalSignIn.StartAsync(client), Person.New());
        await app.ModeAsync("slow-token");
        var watch = Stopwatch.StartNew();
        try
        {
            NationalSignIn.FailureOf(await client.GetAsync(callback)).ShouldBe("unavailable");
        }
        finally
        {
            await app.ModeAsync("normal");
        }

        // Two attempts of 2 s each and a back-off, far below the simulator's 15 s.
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_provider_refuses_a_wrong_verifier_a_reused_code_and_another_redirect_uri()
    {
        var redirect = app.BaseUrl + "/account/vneid/callback";
        async Task<string> CodeAsync(string challenge)
        {
            var authorize = new Uri(TestOidcProvider.Address + "/authorize?" + string.Join("&",
                $"client_id={app.ClientId}", "response_type=code", "scope=openid", $"redirect_uri={Uri.EscapeDataString(redirect)}", "state=s", "nonce=n",
                $"code_challenge={challenge}", "code_challenge_method=S256"));
            var back = await NationalSignIn.AnswerAsync(authorize, Person.New());
            return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(back.Query)["code"]!;
        }

        async Task<HttpResponseMessage> RedeemAsync(string code, string verifier, string redirectUri) =>
            await TestOidcProvider.Http.PostAsync(TestOidcProvider.Address + "/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirectUri,
                ["code_verifier"] = verifier,
                ["client_id"] = app.ClientId,
                ["client_secret"] = app.ClientSecret,
            }));

        var (verifier, challenge) = NationalSignIn.Pkce();
        var wrong = await RedeemAsync(await CodeAsync(challenge), NationalSignIn.Pkce().Verifier, redirect);
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("PKCE");

        (await RedeemAsync(await CodeAsync(challenge), verifier, app.BaseUrl + "/elsewhere")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var code = await CodeAsync(challenge);
        var good = await RedeemAsync(code, verifier, redirect);
        good.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await good.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id_token").GetString()!.Split('.').Length.ShouldBe(3);
        var reused = await RedeemAsync(code, verifier, redirect);
        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await reused.Content.ReadAsStringAsync()).ShouldContain("already used");

        // An authorization request for a redirect_uri not registered is answered with a page, never a redirect.
        var foreign = await TestOidcProvider.Http.GetAsync(TestOidcProvider.Address + $"/authorize?client_id={app.ClientId}&response_type=code&scope=openid"
            + $"&redirect_uri={Uri.EscapeDataString("https://attacker.example/cb")}&state=s&nonce=n&code_challenge={challenge}&code_challenge_method=S256");
        foreign.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        foreign.Headers.Location.ShouldBeNull();
    }
}

/// <summary>The provider down: the sign-in page says so, quickly, and password sign-in does not notice.</summary>
public sealed class ProviderDownTests(ProviderDownHost app) : IClassFixture<ProviderDownHost>
{
    [Fact]
    public async Task With_the_provider_down_the_sign_in_page_says_so_and_password_sign_in_still_works()
    {
        var client = app.Anonymous();
        var watch = Stopwatch.StartNew();
        NationalSignIn.FailureOf(await client.GetAsync("/account/vneid")).ShouldBe("unavailable");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        var page = await client.GetStringAsync("/account/login?vneid=unavailable");
        page.ShouldContain("Hệ thống định danh điện tử quốc gia hiện không phản hồi");
        page.ShouldContain("Đăng nhập bằng VNeID / tài khoản định danh điện tử");

        var citizen = await app.SignInAsync("0912345678");
        (await citizen.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
