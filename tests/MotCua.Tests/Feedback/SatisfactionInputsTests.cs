using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Ratings;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Feedback;

/// <summary>Decision 766 scores satisfaction and feedback handling from the ratings and petitions of the unit's subtree and period.</summary>
[Collection(AppCollection.Name)]
public sealed class SatisfactionInputsTests(MotCuaFactory app)
{
    [Fact]
    public async Task Dossiers_rated_not_satisfied_or_complained_about_lower_the_satisfaction_input_and_petitions_feed_the_handling_input()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var happy = await f.ReturnedAsync();
        var unhappy = await f.ReturnedAsync();
        var complained = await f.ReturnedAsync();
        await f.ReturnedAsync();
        var citizen = app.Anonymous();
        (await RatingFixtures.RateAsync(citizen, happy, RatingFixtures.Best)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RatingFixtures.RateAsync(citizen, unhappy, RatingFixtures.Unhappy)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var complaint = await f.Desk.PostAsJsonAsync("/api/v1/petitions/intake", new
        {
            channel = "Counter",
            senderName = "Phạm Văn Nam",
            senderPhone = "0913000222",
            content = "Không đồng ý với kết quả.",
            unitCode = f.Unit,
            kind = "DossierOutcome",
            dossierCode = complained,
            agreesToPublish = false,
        });
        complaint.StatusCode.ShouldBe(HttpStatusCode.Created, await complaint.Content.ReadAsStringAsync());

        var supervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, f.Unit));
        var today = MotCua.Web.Dossiers.DossierTime.VietnamDate(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var score = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/reports/decision766?unitCode={f.Unit}&from={today}&to={today}");
        var components = score.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("components").EnumerateArray()).ToList();
        var satisfied = components.Single(c => c.GetProperty("input").GetString() == "SatisfactionRate");
        satisfied.GetProperty("status").GetString().ShouldBe("Scored");
        // Four dossiers decided on time today; one rated "not satisfied", one complained about.
        (satisfied.GetProperty("part").GetInt32(), satisfied.GetProperty("whole").GetInt32()).ShouldBe((2, 4));
        var handled = components.Single(c => c.GetProperty("input").GetString() == "FeedbackHandledShare");
        // The complaint is neither answered nor overdue yet: nothing to measure.
        (handled.GetProperty("part").GetInt32(), handled.GetProperty("whole").GetInt32()).ShouldBe((0, 0));
        handled.GetProperty("status").GetString().ShouldBe("NothingToMeasure");
    }
}
