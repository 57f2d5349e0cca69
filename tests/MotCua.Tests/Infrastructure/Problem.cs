using System.Net;
using System.Text.Json;
using Shouldly;

namespace MotCua.Tests.Infrastructure;

public static class Problem
{
    /// <summary>Asserts a 4xx RFC 9457 answer with a Vietnamese title, and returns its JSON.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe((int)status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        var json = JsonDocument.Parse(body).RootElement;
        json.GetProperty("status").GetInt32().ShouldBe((int)status);
        json.GetProperty("type").GetString().ShouldStartWith("urn:motcua:problem:");
        json.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        return json;
    }
}
