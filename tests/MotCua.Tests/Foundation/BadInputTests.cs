using System.Net;
using System.Text;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class BadInputTests(MotCuaFactory app)
{
    public static TheoryData<string, string, string> Bodies => new()
    {
        { "POST", "/api/v1/units", "{\"code\": \"000.00.01.T01\", \"name\": " },
        { "POST", "/api/v1/units", "{\"code\": 5, \"name\": [1,2], \"kind\": \"Commune\"}" },
        { "POST", "/api/v1/units", "{\"code\": \"000.00.01.T02\", \"name\": \"x\", \"kind\": \"Village\", \"validFrom\": \"2020-01-01\"}" },
        { "POST", "/api/v1/units", "{\"code\": \"000.00.01.T03\", \"name\": \"x\", \"kind\": \"Commune\", \"validFrom\": \"2020-02-30\"}" },
        { "POST", "/api/v1/units", "{\"code\": \"000.00.01.T04\", \"name\": \"" + new string('x', 5000) + "\", \"kind\": \"Commune\", \"validFrom\": \"2020-01-01\"}" },
        { "POST", "/api/v1/units", "[]" },
        { "PUT", "/api/v1/units/000.00.00.H50", "{\"version\": \"abc\"}" },
        { "POST", "/api/v1/units/000.00.12.H50/merge", "{\"successorCode\": null, \"effectiveDate\": \"hôm qua\"}" },
        { "POST", "/api/v1/users", "{\"userName\": \"a\", \"roles\": [{\"role\": \"King\"}]}" },
        { "POST", "/api/v1/users", "not json at all" },
        { "POST", "/api/v1/auth/login", "{\"userName\": {\"$ne\": null}}" },
        { "POST", "/api/v1/auth/register", "{\"phoneOrEmail\": \"" + new string('9', 300) + "\"}" },
        { "POST", "/api/v1/units/import", "[{\"code\": 12}]" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Bad_bodies_get_a_400_problem_never_a_500(string method, string path, string body)
    {
        var admin = await app.SignInAsync("sysadmin");
        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("title").GetString()!.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task An_unknown_route_and_a_wrong_method_get_problems_too()
    {
        var admin = await app.SignInAsync("sysadmin");
        await (await admin.GetAsync("/api/v1/units/999.99.99.T99")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync("/api/v1/units")).ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415()
    {
        var admin = await app.SignInAsync("sysadmin");
        var response = await admin.PostAsync("/api/v1/units", new StringContent("code=1", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
