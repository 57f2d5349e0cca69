using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Dossiers;

[Collection(AppCollection.Name)]
public sealed class TrackingRateLimitTests(MotCuaFactory app)
{
    [Fact]
    public async Task Tracking_look_ups_from_one_address_are_limited_so_codes_cannot_be_guessed()
    {
        using var limited = app.WithWebHostBuilder(b => b.UseSetting("MotCua:RateLimits:TrackingPerMinute", "3"));
        var client = limited.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await (await client.PostAsJsonAsync("/api/v1/tracking", new { code = "000.00.00.T00-260101-000" + i, check = "1234" }))
                .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        await (await client.PostAsJsonAsync("/api/v1/tracking", new { code = "000.00.00.T00-260101-0009", check = "1234" }))
            .ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }
}
