using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Ratings;

/// <summary>A commune with a desk officer and a leader, and returned dossiers to rate (received, declined, handed back over HTTP).</summary>
internal sealed class RatingFixtures(MotCuaFactory app)
{
    public const string MaritalStatus = "1.004873";

    /// <summary>Every answer at its best (2 points each).</summary>
    public static readonly Dictionary<string, string> Best = new()
    {
        ["overall"] = "very-satisfied",
        ["time"] = "earlier",
        ["contacts"] = "none",
        ["agencies"] = "none",
        ["attitude"] = "good",
    };

    public static readonly Dictionary<string, string> Unhappy = new()
    {
        ["overall"] = "not-satisfied",
        ["time"] = "later",
        ["contacts"] = "more",
        ["agencies"] = "several",
        ["attitude"] = "fair",
    };

    public string Unit { get; private set; } = "";
    public string DeskOfficerName { get; private set; } = "";
    public HttpClient Desk { get; private set; } = null!;
    public HttpClient Leader { get; private set; } = null!;

    public async Task<RatingFixtures> ArrangeAsync()
    {
        Unit = await app.CreateUnitAsync("000.00.00.H50");
        await app.ProvideAsync(MaritalStatus, Unit);
        DeskOfficerName = await app.CreateStaffAsync(StaffRole.DeskOfficer, Unit);
        Desk = await app.SignInAsync(DeskOfficerName);
        Leader = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Leader, Unit));
        return this;
    }

    /// <summary>A dossier received at the counter (owner's phone ends 5678), declined and returned: state 10.</summary>
    public async Task<string> ReturnedAsync()
    {
        var code = await ReceivedAsync();
        var declined = await ActAsync(Leader, code, "decline", new { version = 1, reason = "Không đủ điều kiện" });
        await ActAsync(Desk, code, "return", new { version = declined.GetProperty("version").GetInt32() });
        return code;
    }

    public async Task<string> ReceivedAsync()
    {
        var response = await Desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, string code, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/dossiers/{code}/{action}", body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> RateAsync(HttpClient client, string code, Dictionary<string, string> answers, string check = "5678", string? via = null) =>
        client.PostAsJsonAsync("/api/v1/ratings", new { code, check, answers, via });
}
