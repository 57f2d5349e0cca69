using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Audit;
using MotCua.Web.Integration.Outbox;
using Shouldly;
using Xunit.Abstractions;

namespace MotCua.Tests.Operations;

/// <summary>
/// Issue 17's deployment findings, checked on the real thing: nginx with TLS in front of two Production nodes over one
/// PostgreSQL (<see cref="Topology"/>). nginx connects to the nodes from 127.0.0.2, the one proxy they believe.
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class TopologyTests(Topology topology, ITestOutputHelper output)
{
    // Production's sign-in limit (RateLimitOptions.SignInPerMinute); each node counts its own, in memory.
    private const int SignInsPerMinute = 20;

    private static object WrongSignIn => new { userName = "khong.ton.tai", password = "Sai-mat-khau-1" };

    [PostgresFact]
    public async Task Cookies_are_secure_and_hsts_is_sent_behind_the_proxy()
    {
        var client = topology.Client();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new
        {
            userName = "xagiolinh.chuyenvien",
            password = Web.Demo.DemoSeeder.StaffPassword,
            code = Web.Identity.Totp.Code(Web.Demo.DemoSeeder.TotpSecret, DateTimeOffset.UtcNow),
        });
        login.StatusCode.ShouldBe(HttpStatusCode.OK, await login.Content.ReadAsStringAsync());

        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("motcua.session=", StringComparison.Ordinal));
        session.ShouldContain("; secure", Case.Insensitive);
        session.ShouldContain("; httponly", Case.Insensitive);
        login.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
        var page = await client.GetAsync("/account/login");
        page.Headers.GetValues("Set-Cookie").ShouldAllBe(c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        page.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
    }

    [PostgresFact]
    public async Task Forwarded_headers_are_believed_only_from_the_configured_proxy()
    {
        // Straight to a node from an address that is not the proxy's: a forged X-Forwarded-Proto does not make it HTTPS.
        var direct = topology.Node(0, "127.0.0.1");
        direct.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        direct.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");
        var response = await direct.GetAsync("/account/login");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        response.Headers.GetValues("Set-Cookie").ShouldAllBe(c => !c.Contains("; secure", StringComparison.OrdinalIgnoreCase));

        // Nor does a forged X-Forwarded-For give it a fresh rate-limit bucket per request.
        var forger = topology.Node(0, "127.0.0.20");
        for (var i = 1; i <= SignInsPerMinute; i++)
        {
            using var attempt = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(WrongSignIn) };
            attempt.Headers.Add("X-Forwarded-For", "203.0.113." + i);
            (await forger.SendAsync(attempt)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var last = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(WrongSignIn) };
        last.Headers.Add("X-Forwarded-For", "203.0.113.99");
        await (await forger.SendAsync(last)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [PostgresFact]
    public async Task Per_ip_rate_limits_see_the_clients_real_address_behind_the_proxy()
    {
        // One citizen, through nginx, forging a new X-Forwarded-For each time: nginx replaces it with her real address, and
        // she is limited. Each node keeps its own count, so through two nodes she gets at most twice the limit.
        var citizen = topology.Client("127.0.0.10");
        var refusedAfter = 0;
        for (var i = 1; i <= (2 * SignInsPerMinute) + 1; i++)
        {
            using var attempt = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(WrongSignIn) };
            attempt.Headers.Add("X-Forwarded-For", "198.51.100." + i);
            var response = await citizen.SendAsync(attempt);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refusedAfter = i - 1;
                break;
            }

            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        refusedAfter.ShouldBeInRange(SignInsPerMinute, 2 * SignInsPerMinute);

        // Her neighbour, on another address behind the same proxy, has a bucket of his own.
        (await topology.Client("127.0.0.11").PostAsJsonAsync("/api/v1/auth/login", WrongSignIn)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [PostgresFact]
    public async Task Signed_in_through_one_node_and_served_by_the_other()
    {
        var desk = await topology.SignInAsync("xagiolinh.truongphong");
        var servedBy = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            var me = await desk.GetAsync("/api/v1/auth/me");
            me.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString().ShouldBe(Web.Demo.DemoSeeder.Accounts.Single(a => a.UserName == "xagiolinh.truongphong").FullName);
            servedBy.Add(Topology.Upstream(me));
        }

        // Round robin: both nodes read the session row and decrypt it with the key ring they share through the database.
        servedBy.Count.ShouldBe(2);
    }

    [PostgresFact]
    public async Task Background_jobs_do_not_run_twice_across_nodes()
    {
        var desk = await topology.SignInAsync("xacuaviet.motcua");
        var load = new ReceiptLoad(desk, workers: 4);
        load.Start();
        await load.WaitForAsync(60);
        var codes = await load.StopAsync();

        // Both nodes poll the outbox every second; every message of these receipts is delivered once, by one of them.
        await using var db = topology.Database();
        var topics = (await db.Dossiers.Where(d => codes.Contains(d.Code!)).Select(d => d.Id).ToListAsync()).Select(id => "Dossier:" + id).ToList();
        var messages = db.Set<OutboxMessage>().Where(m => topics.Contains(m.Topic!));
        while (await messages.AnyAsync(m => m.DeliveredAt == null && m.GaveUpAt == null))
        {
            await Task.Delay(200);
        }

        var delivered = await messages.Where(m => m.DeliveredAt != null).Select(m => m.Id).ToListAsync();
        delivered.Count.ShouldBeGreaterThanOrEqualTo(codes.Count);
        (await messages.CountAsync(m => m.Attempts != 1)).ShouldBe(0);
        var sent = new[] { "a", "b" }
            .SelectMany(node => Directory.Exists(Path.Combine(topology.Directory, "node-" + node, "outbox"))
                ? Directory.GetFiles(Path.Combine(topology.Directory, "node-" + node, "outbox"))
                : [])
            .Select(path => long.Parse(Path.GetFileName(path)[..8], System.Globalization.CultureInfo.InvariantCulture))
            .Where(delivered.Contains)
            .ToList();
        sent.ShouldBeUnique();
        sent.ShouldBe(delivered, ignoreOrder: true);
    }

    [PostgresFact]
    public async Task Node_a_killed_under_load_loses_nothing_acknowledged()
    {
        var desk = await topology.SignInAsync("xagiolinh.motcua");
        var load = new ReceiptLoad(desk, workers: 8);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        load.Start();
        try
        {
            await load.WaitForAsync(40);
            await Topology.ScriptAsync("topology.sh", ["kill-node", topology.Directory, "a"]);
            var atKill = load.Acknowledged.Count;
            await load.WaitForAsync(atKill + 120);
        }
        finally
        {
            await load.StopAsync();
            await Topology.ScriptAsync("topology.sh", ["start-node", topology.Directory, "a"]);
        }

        var acknowledged = load.Acknowledged;
        output.WriteLine($"{acknowledged.Count} receipts acknowledged in {clock.Elapsed.TotalSeconds:F1} s by 8 clients; node a killed after 40; {load.Retries} sends retried with their Idempotency-Key");
        acknowledged.ShouldBeUnique();
        await using var db = topology.Database();
        var prefix = acknowledged.First()[..^4];
        var stored = await db.Dossiers.Where(d => d.Code!.StartsWith(prefix)).Select(d => d.Code!).ToListAsync();

        // Every acknowledged code is there; none twice; the day's numbers run 1..n without a gap (a receipt that died with
        // node A before its commit gave its number back).
        acknowledged.ShouldBeSubsetOf(stored);
        stored.ShouldBeUnique();
        stored.Select(c => int.Parse(c[^4..], System.Globalization.CultureInfo.InvariantCulture)).Order().ShouldBe(Enumerable.Range(1, stored.Count));
        (await VerifyAuditChain.VerifyAsync(db, CancellationToken.None)).ShouldSatisfyAllConditions(
            result => result.Intact.ShouldBeTrue(result.FirstBroken?.ToString()),
            result => result.EventsChecked.ShouldBeGreaterThan(stored.Count));
    }
}
