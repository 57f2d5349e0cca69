using System.Net;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class OperationsTests(MotCuaFactory app)
{
    [Fact]
    public async Task Liveness_and_readiness_answer_without_signing_in()
    {
        var client = app.Anonymous();
        (await client.GetStringAsync("/health/live")).ShouldBe("Healthy");
        (await client.GetStringAsync("/health/ready")).ShouldBe("Healthy");
    }

    [Fact]
    public async Task The_openapi_document_lists_the_api()
    {
        var json = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/units");
        paths.ShouldContain("/api/v1/audit/verify");
        paths.ShouldContain("/api/v1/auth/login");
    }

    [Theory]
    [InlineData("/api/v1/dossiers/{code}/start", "400 403 404 409")]
    [InlineData("/api/v1/dossiers/{code}/payment-confirmed", "400 403 404 409")]
    [InlineData("/api/v1/online-dossiers/{id}/refuse", "400 403 404 409")]
    [InlineData("/api/v1/my-dossiers/{id}/resubmit", "400 404 409 413")]
    public async Task Dossier_actions_document_the_problems_they_answer(string path, string statuses)
    {
        var json = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;
        var responses = json.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("responses");
        foreach (var status in statuses.Split(' '))
        {
            responses.TryGetProperty(status, out var response).ShouldBeTrue(status);
            response.GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue(status);
        }
    }

    [Fact]
    public async Task Metrics_count_requests_and_database_calls_for_a_system_administrator()
    {
        var admin = await app.SignInAsync("sysadmin");
        await admin.GetAsync("/api/v1/units");
        var text = await admin.GetStringAsync("/metrics");
        text.ShouldContain("http_server_request_duration_count{");
        text.ShouldContain("motcua_db_commands_total");
        await (await app.Anonymous().GetAsync("/metrics")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Pages_and_apis_with_personal_data_are_never_cached_and_carry_security_headers()
    {
        var admin = await app.SignInAsync("sysadmin");
        foreach (var path in new[] { "/backoffice", "/backoffice/units", "/api/v1/units", "/api/v1/auth/me" })
        {
            var response = await admin.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            response.Headers.CacheControl!.NoStore.ShouldBeTrue(path);
            response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
            response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
            response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'self'");
        }
    }

    [Fact]
    public async Task The_back_office_speaks_Vietnamese_first_and_English_on_request()
    {
        var admin = await app.SignInAsync("sysadmin");
        var vietnamese = await admin.GetStringAsync("/backoffice/units?includeClosed=true");
        vietnamese.ShouldContain("Cây đơn vị hành chính");
        vietnamese.ShouldContain("UBND huyện Gio Linh");
        var english = await admin.GetStringAsync("/backoffice/units?culture=en");
        english.ShouldContain("Administrative units");
    }
}
