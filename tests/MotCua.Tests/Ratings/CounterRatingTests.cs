using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using MotCua.Web.Ratings;
using Shouldly;

namespace MotCua.Tests.Ratings;

/// <summary>The counter tablet: paired once, it rates only the dossier an officer put on it, once, and never from the officer's session.</summary>
[Collection(AppCollection.Name)]
public sealed class CounterRatingTests(MotCuaFactory app)
{
    [Fact]
    public async Task The_tablet_rates_the_dossier_the_officer_presented_once_and_names_that_officer()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var code = await f.ReturnedAsync();
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, f.Unit));
        var created = await admin.PostAsJsonAsync("/api/v1/rating-desks", new { unitCode = f.Unit, name = "Quầy số 2" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var desk = await created.Content.ReadFromJsonAsync<JsonElement>();
        var deskId = desk.GetProperty("id").GetInt32();

        var tablet = app.Anonymous();
        await (await tablet.GetAsync("/api/v1/rating-desk")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await tablet.PostAsJsonAsync("/api/v1/rating-desks/pair", new { pairingCode = "0123456789abcdef0123" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await tablet.PostAsJsonAsync("/api/v1/rating-desks/pair", new { pairingCode = desk.GetProperty("pairingCode").GetString() })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var idle = await tablet.GetFromJsonAsync<JsonElement>("/api/v1/rating-desk");
        idle.GetProperty("waiting").ValueKind.ShouldBe(JsonValueKind.Null);
        await (await tablet.PostAsJsonAsync("/api/v1/rating-desk/rate", new { answers = RatingFixtures.Best })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        // Only a returned dossier goes on the tablet, and only by a desk officer of the unit.
        var unfinished = await f.ReceivedAsync();
        await (await f.Desk.PostAsJsonAsync($"/api/v1/rating-desks/{deskId}/present", new { code = unfinished })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await f.Leader.PostAsJsonAsync($"/api/v1/rating-desks/{deskId}/present", new { code })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await f.Desk.PostAsJsonAsync($"/api/v1/rating-desks/{deskId}/present", new { code })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var waiting = await tablet.GetFromJsonAsync<JsonElement>("/api/v1/rating-desk");
        waiting.GetProperty("waiting").GetProperty("code").GetString().ShouldBe(code);

        // The officer's browser cannot rate, whether or not it holds the tablet's cookie.
        await (await f.Desk.PostAsJsonAsync("/api/v1/rating-desk/rate", new { answers = RatingFixtures.Best })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var rated = await tablet.PostAsJsonAsync("/api/v1/rating-desk/rate", new { answers = RatingFixtures.Unhappy, comment = "Phải chờ lâu" });
        rated.StatusCode.ShouldBe(HttpStatusCode.OK, await rated.Content.ReadAsStringAsync());
        await (await tablet.PostAsJsonAsync("/api/v1/rating-desk/rate", new { answers = RatingFixtures.Best })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var rating = app.WithDb(db => db.Ratings.AsNoTracking().Single(r => r.DossierCode == code));
        rating.Channel.ShouldBe(RatingChannel.Counter);
        rating.Overall.ShouldBe(Satisfaction.NotSatisfied);
        rating.Comment.ShouldBe("Phải chờ lâu");
        rating.OfficerName.ShouldBe("Cán bộ " + f.DeskOfficerName);
    }

    [Fact]
    public async Task A_flood_of_ratings_from_one_address_gets_429_while_the_desk_keeps_receiving()
    {
        using var limited = app.WithWebHostBuilder(b => b.UseSetting("MotCua:Ratings:PerAddressPerMinute", "3"));
        var flooder = limited.CreateClient();
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            RatingFixtures.RateAsync(flooder, $"000.00.00.T00-260101-{i:0000}", RatingFixtures.Best)));
        answers.Count(a => a.StatusCode == HttpStatusCode.NotFound).ShouldBe(3);
        answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests).ShouldBe(37);
        await answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);

        // The desk's own endpoints are not behind the ratings limit.
        var f = new RatingFixtures(app);
        await f.ArrangeAsync();
        var desk = await limitedDeskAsync();
        var intake = await desk.PostAsJsonAsync("/api/v1/dossiers", MotCua.Tests.Dossiers.IntakeApiTests.Body(RatingFixtures.MaritalStatus));
        intake.StatusCode.ShouldBe(HttpStatusCode.Created, await intake.Content.ReadAsStringAsync());

        async Task<HttpClient> limitedDeskAsync()
        {
            var client = limited.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
            var login = await client.PostAsJsonAsync("/api/v1/auth/login", new
            {
                userName = f.DeskOfficerName,
                password = MotCua.Web.Demo.DemoSeeder.StaffPassword,
                code = Totp.Code(MotCua.Web.Demo.DemoSeeder.TotpSecret, DateTimeOffset.UtcNow),
            });
            login.StatusCode.ShouldBe(HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
            return client;
        }
    }
}
