using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Ratings;
using MotCua.Web.Integration.Outbox;
using Shouldly;

namespace MotCua.Tests.NationalPortal;

/// <summary>A portal that is down: the desk goes on, and after two failed calls the breaker keeps the rest from being tried.</summary>
public sealed class PortalBreakerTests(BreakerPortalFactory app) : IClassFixture<BreakerPortalFactory>
{
    [Fact]
    public async Task With_the_portal_down_the_desk_receives_as_usual_and_the_open_breaker_holds_the_sync_without_using_attempts()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        await app.Portal.FailAsync("503", -1);
        var codes = new List<string>();
        var intake = Stopwatch.StartNew();
        for (var i = 0; i < 4; i++)
        {
            var response = await f.Desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(RatingFixtures.MaritalStatus));
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            codes.Add((await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString()!);
        }

        intake.Stop();
        intake.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the desk never waits for the portal");

        await app.DeliverAsync();
        var messages = app.WithDb(db => db.OutboxMessages.AsNoTracking().Where(m => m.Channel == NotificationChannel.Portal && codes.Contains(m.Subject))
            .OrderBy(m => m.Id).ToList());
        messages.Count.ShouldBe(4);
        messages.ShouldAllBe(m => m.DeliveredAt == null && m.GaveUpAt == null);
        messages.Select(m => m.Attempts).ShouldBe([1, 1, 0, 0], "two failed pushes opened the breaker; the others were not tried");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        messages[2..].ShouldAllBe(m => m.NextAttemptAt > now.AddMinutes(9), "they wait for the breaker to close");
        foreach (var code in codes[2..])
        {
            (await app.Portal.RequestsAsync(code)).ShouldBeEmpty();
        }
    }
}
