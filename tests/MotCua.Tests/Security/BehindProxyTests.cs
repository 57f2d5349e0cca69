using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Security;

/// <summary>
/// The findings of issue 17 behind a TLS-terminating proxy. The host believes forwarded headers from 10.0.0.5 only.
/// The in-memory test server has no TCP peer, so a first middleware takes the peer's address from <c>X-Test-Peer</c>,
/// as the socket would give it.
/// </summary>
public sealed class BehindProxyTests(BehindProxyTests.ProxiedApp app) : IClassFixture<BehindProxyTests.ProxiedApp>
{
    private const string Proxy = "10.0.0.5";
    private const string ScraperToken = "scraper-token-0123456789abcdef";

    private HttpClient Client(string peer, string? forwardedFor = null, string proto = "https")
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("http://motcua.example.vn"),
            AllowAutoRedirect = false,
        });
        client.DefaultRequestHeaders.Add("X-Test-Peer", peer);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", proto);
        }

        return client;
    }

    private static string Citizen() => "203.0.113." + Random.Shared.Next(1, 250);

    [Fact]
    public async Task Behind_a_tls_proxy_cookies_lose_secure_and_hsts_is_not_sent_no_more()
    {
        var client = Client(Proxy, Citizen());
        var phone = "09" + Random.Shared.Next(10_000_000, 99_999_999);
        const string password = "Mây trắng bay qua đồi chè 2026";
        (await client.PostAsJsonAsync("/api/v1/auth/register", new { phoneOrEmail = phone, fullName = "Đỗ Văn Khoa", password })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = phone, password });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);

        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("motcua.session=", StringComparison.Ordinal));
        cookie.ShouldContain("secure", Case.Insensitive);
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        login.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
    }

    [Fact]
    public async Task Forwarded_headers_from_anyone_but_the_proxy_are_ignored()
    {
        var client = Client("198.51.100.9", Citizen());
        var response = await client.GetAsync("/api/v1/procedures");
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();

        // Nor does a client that forges X-Forwarded-For escape its own rate-limit bucket.
        var forger = Client("198.51.100." + Random.Shared.Next(10, 250));
        for (var i = 0; i < ProxiedApp.SignInsPerMinute; i++)
        {
            forger.DefaultRequestHeaders.Remove("X-Forwarded-For");
            forger.DefaultRequestHeaders.Add("X-Forwarded-For", Citizen());
            (await forger.PostAsJsonAsync("/api/v1/auth/login", new { userName = "khong.ton.tai", password = "sai" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        forger.DefaultRequestHeaders.Remove("X-Forwarded-For");
        forger.DefaultRequestHeaders.Add("X-Forwarded-For", Citizen());
        await (await forger.PostAsJsonAsync("/api/v1/auth/login", new { userName = "khong.ton.tai", password = "sai" })).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Per_ip_rate_limits_see_only_the_proxys_address_no_more()
    {
        var first = Client(Proxy, "192.0.2." + Random.Shared.Next(1, 120));
        for (var i = 0; i < ProxiedApp.SignInsPerMinute; i++)
        {
            (await first.PostAsJsonAsync("/api/v1/auth/login", new { userName = "khong.ton.tai", password = "sai" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        await (await first.PostAsJsonAsync("/api/v1/auth/login", new { userName = "khong.ton.tai", password = "sai" })).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);

        // Another citizen behind the same proxy has a bucket of her own.
        var second = Client(Proxy, "192.0.2." + Random.Shared.Next(130, 250));
        (await second.PostAsJsonAsync("/api/v1/auth/login", new { userName = "khong.ton.tai", password = "sai" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Metrics_answer_anyone_no_more()
    {
        // Not anonymous callers, not even on the proxy's or the machine's own address, nor a wrong token.
        await (await Client(Proxy, Citizen()).GetAsync("/metrics")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await Client("127.0.0.1").GetAsync("/metrics")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var wrong = Client("127.0.0.1");
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", ScraperToken + "x");
        await (await wrong.GetAsync("/metrics")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        var scraper = Client("10.0.0.9");
        scraper.DefaultRequestHeaders.Authorization = new("Bearer", ScraperToken);
        (await scraper.GetStringAsync("/metrics")).ShouldContain("http_server_request_duration");
    }

    [Fact]
    public async Task Security_headers_are_sent_on_pages_and_apis()
    {
        var client = Client(Proxy, Citizen());
        foreach (var path in new[] { "/account/login", "/api/v1/procedures", "/api/v1/auth/me" })
        {
            var response = await client.GetAsync(path);
            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff", path);
            response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY", path);
            response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("same-origin", path);
            response.Headers.GetValues("Cross-Origin-Opener-Policy").Single().ShouldBe("same-origin", path);
            response.Headers.GetValues("Permissions-Policy").Single().ShouldContain("camera=()", Case.Sensitive, path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "form-action 'self'" })
            {
                csp.ShouldContain(directive, Case.Sensitive, path);
            }

            csp.ShouldNotContain("unsafe-inline", Case.Sensitive, path);
            response.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=", Case.Sensitive, path);
        }
    }

    public sealed class ProxiedApp : MotCuaFactory
    {
        public const int SignInsPerMinute = 3;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("MotCua:Proxy:KnownProxies:0", Proxy);
            builder.UseSetting("MotCua:RateLimits:SignInPerMinute", SignInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("MotCua:Metrics:ScraperToken", ScraperToken);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerFromHeader>());
        }
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, then) =>
            {
                if (context.Request.Headers.TryGetValue("X-Test-Peer", out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }

                return then(context);
            });
            next(app);
        };
    }
}
