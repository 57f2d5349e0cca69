using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using MotCua.Web.Ratings;
using Shouldly;

namespace MotCua.Tests.Ratings;

/// <summary>Rating a returned dossier online: proof, one rating per dossier changeable within a week, per-dossier throttling, refusals.</summary>
[Collection(AppCollection.Name)]
public sealed class RatingApiTests(MotCuaFactory app)
{
    [Fact]
    public async Task A_returned_dossier_is_rated_once_changed_within_the_window_and_then_closed()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var code = await f.ReturnedAsync();
        var citizen = app.Anonymous();
        app.Clock.SetNow(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7)));
        try
        {
            var first = await RatingFixtures.RateAsync(citizen, code, RatingFixtures.Best, via: "link");
            first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
            var rated = await first.Content.ReadFromJsonAsync<JsonElement>();
            rated.GetProperty("overall").GetString().ShouldBe("VerySatisfied");
            rated.GetProperty("points").GetInt32().ShouldBe(10);
            rated.GetProperty("maxPoints").GetInt32().ShouldBe(10);
            rated.GetProperty("criteriaVersion").GetString().ShouldBe("766-2022");
            // Seven days from Mon 02/03/2026 09:00.
            rated.GetProperty("changeableUntil").GetString().ShouldBe("2026-03-09T09:00:00+07:00");

            // A script re-rating at once is turned away; a changed mind two minutes later is taken.
            var tooSoon = await (await RatingFixtures.RateAsync(citizen, code, RatingFixtures.Unhappy)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
            tooSoon.GetProperty("type").GetString().ShouldBe("urn:motcua:problem:rating-too-frequent");
            app.Clock.Advance(TimeSpan.FromMinutes(2));
            var changed = await (await RatingFixtures.RateAsync(citizen, code, RatingFixtures.Unhappy)).Content.ReadFromJsonAsync<JsonElement>();
            changed.GetProperty("overall").GetString().ShouldBe("NotSatisfied");
            changed.GetProperty("changes").GetInt32().ShouldBe(1);

            // Mon 09/03 09:00 is the end of the window.
            app.Clock.SetNow(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(7)));
            var closed = await (await RatingFixtures.RateAsync(citizen, code, RatingFixtures.Best)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
            closed.GetProperty("title").GetString().ShouldBe("Đã hết thời hạn thay đổi đánh giá của hồ sơ này.");

            var rating = app.WithDb(db => db.Ratings.AsNoTracking().Include(r => r.Answers).Single(r => r.DossierCode == code));
            rating.Overall.ShouldBe(Satisfaction.NotSatisfied);
            rating.Channel.ShouldBe(RatingChannel.Online);
            rating.Answers.Single(a => a.Criterion == "attitude").Option.ShouldBe("fair");
            rating.Points.ShouldBe(1);
            // The desk officer who handed the result back is the one rated.
            rating.OfficerName.ShouldBe("Cán bộ " + f.DeskOfficerName);
            app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "Rating:" + rating.Id).OrderBy(e => e.Sequence).Select(e => e.Action).ToList())
                .ShouldBe(["rating.given", "rating.changed"]);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task The_return_notice_links_to_the_rating_page_for_the_dossier()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var code = await f.ReturnedAsync();
        var id = app.WithDb(db => db.Dossiers.Where(d => d.Code == code).Select(d => d.Id).Single());
        var bodies = app.WithDb(db => db.OutboxMessages.Where(m => m.Topic == "Dossier:" + id).Select(m => m.Body).ToList());
        bodies.Count(b => b.Contains($"/danh-gia?ma={code}&qua=thong-bao", StringComparison.Ordinal)).ShouldBe(2, string.Join("\n", bodies));
    }

    [Fact]
    public async Task Bad_input_and_missing_proof_get_clear_Vietnamese_problems_and_write_nothing()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var code = await f.ReturnedAsync();
        var citizen = app.Anonymous();

        var missing = await (await citizen.PostAsJsonAsync("/api/v1/ratings", new { code, check = "5678", answers = new { overall = "satisfied" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        missing.GetProperty("errors").GetProperty("answers.attitude")[0].GetString().ShouldBe("Chưa chọn mức đánh giá cho tiêu chí “Thái độ, tinh thần phục vụ của công chức”.");
        var wrongOption = new Dictionary<string, string>(RatingFixtures.Best) { ["overall"] = "ecstatic", ["bribe"] = "yes" };
        var invalid = await (await RatingFixtures.RateAsync(citizen, code, wrongOption)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        invalid.GetProperty("errors").TryGetProperty("answers.overall", out _).ShouldBeTrue();
        invalid.GetProperty("errors").TryGetProperty("answers.bribe", out _).ShouldBeTrue();

        // A wrong check value and an unknown code look the same.
        var wrongCheck = await (await RatingFixtures.RateAsync(citizen, code, RatingFixtures.Best, check: "0000")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var unknown = await (await RatingFixtures.RateAsync(citizen, code + "9", RatingFixtures.Best)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        wrongCheck.GetProperty("title").GetString().ShouldBe(unknown.GetProperty("title").GetString());

        var unfinished = await f.ReceivedAsync();
        (await (await RatingFixtures.RateAsync(citizen, unfinished, RatingFixtures.Best)).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("title").GetString().ShouldBe("Chỉ đánh giá được hồ sơ đã trả kết quả.");

        // The officer's own session cannot rate for the citizen, even with the code and check value.
        (await (await RatingFixtures.RateAsync(f.Desk, code, RatingFixtures.Best)).ShouldBeProblemAsync(HttpStatusCode.Forbidden))
            .GetProperty("title").GetString().ShouldBe("Cán bộ không được đánh giá thay người dân.");

        app.WithDb(db => db.Ratings.Count(r => r.DossierCode == code || r.DossierCode == unfinished)).ShouldBe(0);
    }

    [Fact]
    public async Task Two_first_ratings_of_one_dossier_at_once_leave_one_rating_and_a_409()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var code = await f.ReturnedAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RatingFixtures.RateAsync(app.Anonymous(), code, RatingFixtures.Best)));
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        answers.Where(a => a.StatusCode != HttpStatusCode.OK).Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Conflict || s == HttpStatusCode.TooManyRequests);
        app.WithDb(db => db.Ratings.Count(r => r.DossierCode == code)).ShouldBe(1);
    }

    [Fact]
    public async Task All_maximum_ratings_in_minutes_from_one_address_are_flagged_for_the_supervisor_and_results_count_them()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var codes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            codes.Add(await f.ReturnedAsync());
        }

        var citizen = app.Anonymous();
        // A moment of its own, so no other test's ratings fall in the same ten minutes.
        app.Clock.SetNow(new DateTimeOffset(2027, 1, 11, 10, 0, 0, TimeSpan.FromHours(7)));
        try
        {
            foreach (var code in codes.Take(4))
            {
                (await RatingFixtures.RateAsync(citizen, code, RatingFixtures.Best)).StatusCode.ShouldBe(HttpStatusCode.OK);
                app.Clock.Advance(TimeSpan.FromMinutes(2));
            }

            app.WithDb(db => db.Ratings.Count(r => codes.Contains(r.DossierCode) && r.Flag != null)).ShouldBe(0);
            (await RatingFixtures.RateAsync(citizen, codes[4], RatingFixtures.Best)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            app.Clock.Reset();
        }

        var supervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, f.Unit));
        var flagged = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/ratings/flagged?unitCode={f.Unit}");
        flagged.EnumerateArray().Select(r => r.GetProperty("dossierCode").GetString()).Order().ShouldBe(codes.Order());
        flagged.EnumerateArray().Select(r => r.GetProperty("flag").GetString()).Distinct().ShouldBe(["OneDeviceBurst"]);
        (await f.Desk.GetAsync($"/api/v1/ratings/flagged?unitCode={f.Unit}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        const string today = "2027-01-11";
        var byOfficer = await f.Desk.GetFromJsonAsync<JsonElement>($"/api/v1/ratings/results?unitCode={f.Unit}&from={today}&to={today}&rowsBy=Officer");
        var row = byOfficer.GetProperty("rows").EnumerateArray().Single();
        row.GetProperty("name").GetString().ShouldBe("Cán bộ " + f.DeskOfficerName);
        row.GetProperty("ratings").GetInt32().ShouldBe(5);
        row.GetProperty("verySatisfied").GetInt32().ShouldBe(5);
        row.GetProperty("satisfiedShare").GetDecimal().ShouldBe(1m);
        var byProcedure = await f.Desk.GetFromJsonAsync<JsonElement>($"/api/v1/ratings/results?unitCode={f.Unit}&from={today}&to={today}&rowsBy=Procedure");
        byProcedure.GetProperty("rows").EnumerateArray().Single().GetProperty("key").GetString().ShouldBe(RatingFixtures.MaritalStatus);
        await (await f.Desk.GetAsync($"/api/v1/ratings/results?unitCode={f.Unit}&from={today}&to={today}&rowsBy=Mood"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await f.Desk.GetAsync($"/api/v1/ratings/results?unitCode=000.00.00.H50&from={today}&to={today}"))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
