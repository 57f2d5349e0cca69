using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Ratings;
using MotCua.Web.Integration.NationalPortal;
using MotCua.Web.Reporting;
using MotCua.Web.Reporting.Outputs;
using Shouldly;

namespace MotCua.Tests.NationalPortal;

/// <summary>Decision 766 annex 1.4 from the portal's acknowledgements, for a commune and a month.</summary>
public sealed class PortalSyncShareTests(NationalPortalFactory app) : IClassFixture<NationalPortalFactory>
{
    private async Task<Ratio> MeasureAsync(DateOnly from, DateOnly to, string unit)
    {
        using var scope = app.Services.CreateScope();
        var source = scope.ServiceProvider.GetServices<IDecision766Source>().OfType<PortalSyncShare>().Single();
        return (await source.MeasureAsync(new ReportQuery(from, to, unit), CancellationToken.None))[Decision766Input.PortalSyncShare];
    }

    private static async Task<string> ReceiveAsync(HttpClient desk)
    {
        var response = await desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(RatingFixtures.MaritalStatus));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task Of_four_dossiers_received_in_March_2026_two_are_synchronised_one_refused_and_one_whose_later_status_is_still_retrying()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        try
        {
            // Tuesday 10/03/2026, 09:00 in Vietnam.
            app.Clock.SetNow(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));
            var refused = await ReceiveAsync(f.Desk);
            var retrying = await ReceiveAsync(f.Desk);
            await ReceiveAsync(f.Desk);
            await ReceiveAsync(f.Desk);
            await app.Portal.FailAsync("reject", 1, refused);
            await app.DeliverAsync();

            app.Clock.Advance(TimeSpan.FromMinutes(5));
            (await f.Leader.PostAsJsonAsync($"/api/v1/dossiers/{retrying}/decline", new { version = 1, reason = "Không đủ điều kiện" }))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
            await app.Portal.FailAsync("503", 2, retrying);
            await app.DeliverAsync();

            var march = await MeasureAsync(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), f.Unit);
            march.ShouldBe(new Ratio(2, 4));
            march.Value.ShouldBe(0.5m);
            (await MeasureAsync(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), f.Unit)).ShouldBe(new Ratio(0, 0));

            // Thursday 02/04/2026: another month's dossier; the round also sends the retried status, and its dossier counts.
            app.Clock.SetNow(new DateTimeOffset(2026, 4, 2, 2, 0, 0, TimeSpan.Zero));
            await ReceiveAsync(f.Desk);
            await app.DeliverAsync();
            (await MeasureAsync(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), f.Unit)).ShouldBe(new Ratio(3, 4));
            (await MeasureAsync(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), f.Unit)).ShouldBe(new Ratio(1, 1));
        }
        finally
        {
            app.Clock.Reset();
        }
    }
}
