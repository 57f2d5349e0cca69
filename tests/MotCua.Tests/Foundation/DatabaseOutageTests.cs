using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Foundation;

/// <summary>The app on a PostgreSQL server of its own, which the test stops and starts again.</summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private const string MaritalStatus = "1.004873";
    private const string Unavailable = "Hệ thống tạm thời không truy cập được dữ liệu. Vui lòng thử lại sau ít phút.";

    private OwnPostgres _server = null!;
    private OwnServerApp _app = null!;

    public async Task InitializeAsync()
    {
        _server = await OwnPostgres.CreateAsync();
        _app = new OwnServerApp(_server.ConnectionString);
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _server.DisposeAsync();
    }

    [PostgresFact]
    public async Task While_the_database_is_down_requests_get_503_with_Retry_After_and_once_it_is_back_the_next_200_all_succeed()
    {
        var (unit, desk) = await _app.DeskAsync(MaritalStatus);
        var (otherUnit, otherDesk) = await _app.DeskAsync(MaritalStatus);
        var first = await (await desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus))).Content.ReadFromJsonAsync<JsonElement>();
        var tracking = new { code = first.GetProperty("code").GetString(), check = first.GetProperty("trackingSecret").GetString() };
        var anonymous = _app.Anonymous();

        await _server.StopAsync();

        foreach (var response in new[]
        {
            await anonymous.PostAsJsonAsync("/api/v1/tracking", tracking),
            await desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus)),
            await otherDesk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus)),
        })
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            problem.GetProperty("title").GetString().ShouldBe(Unavailable);
            response.Headers.RetryAfter.ShouldNotBeNull();
        }

        var page = new HttpRequestMessage(HttpMethod.Get, "/thu-tuc?q=k%E1%BA%BFt%20h%C3%B4n");
        page.Headers.Accept.ParseAdd("text/html");
        var pageResponse = await anonymous.SendAsync(page);
        pageResponse.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        pageResponse.Headers.RetryAfter.ShouldNotBeNull();
        pageResponse.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        WebUtility.HtmlDecode(await pageResponse.Content.ReadAsStringAsync()).ShouldContain($"<h1>{Unavailable}</h1>");
        (await anonymous.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        await _server.StartAsync();

        (await anonymous.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var intakes = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var response = (i % 3) switch
                {
                    0 => await desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus)),
                    1 => await otherDesk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus)),
                    _ => await _app.Anonymous().PostAsJsonAsync("/api/v1/tracking", tracking),
                };
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref intakes);
                }
                else if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            finally
            {
                gate.Release();
            }
        }));

        failures.ShouldBeEmpty();
        intakes.ShouldBe(134);
        _app.WithDb(db => db.Dossiers.Count(d => d.Code!.StartsWith(unit) || d.Code!.StartsWith(otherUnit))).ShouldBe(intakes + 1);
        _app.WithDb(db => db.AuditEvents.Count(e => e.Action == "dossier.received" && (e.ActorUnitCode == unit || e.ActorUnitCode == otherUnit)))
            .ShouldBe(intakes + 1);
    }

    private sealed class OwnServerApp(string server) : MotCuaFactory
    {
        protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(server);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("MotCua:RateLimits:TrackingPerMinute", "100000");
        }
    }
}
