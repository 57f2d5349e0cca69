using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Ratings;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Feedback;

/// <summary>
/// The sender rates the answer to a petition and may raise it again with a later one; Decision 766 annex 5.3 counts the petitions
/// first received in the period that were not rated "không hài lòng", not raised again and not overdue.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PetitionSatisfactionTests(MotCuaFactory app)
{
    private static DateTimeOffset Vn(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(7));

    private static object Petition(string unit, string? earlierReference = null) => new
    {
        senderName = "Trần Thị Mai",
        senderPhone = "0912345678",
        content = "Bộ phận một cửa hẹn trả kết quả nhưng không trả đúng ngày hẹn.",
        unitCode = unit,
        kind = "Conduct",
        procedureCode = RatingFixtures.MaritalStatus,
        agreesToPublish = false,
        earlierReference,
    };

    private async Task<string> SendAsync(HttpClient citizen, string unit, DateTimeOffset at, string? earlierReference = null)
    {
        app.Clock.SetNow(at);
        var sent = await citizen.PostAsJsonAsync("/api/v1/petitions", Petition(unit, earlierReference));
        sent.StatusCode.ShouldBe(HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        return (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
    }

    private async Task<JsonElement> AssignAsync(RatingFixtures f, string reference, string specialist)
    {
        var assigned = await f.Leader.PostAsJsonAsync($"/api/v1/petitions/{reference}/assign", new { version = 0, kind = "Conduct", assigneeUserName = specialist });
        assigned.StatusCode.ShouldBe(HttpStatusCode.OK, await assigned.Content.ReadAsStringAsync());
        return await assigned.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task AnswerAsync(HttpClient specialist, string reference, DateTimeOffset at)
    {
        app.Clock.SetNow(at);
        var answered = await specialist.PostAsJsonAsync($"/api/v1/petitions/{reference}/answer", new { version = 1, answer = "Đã chấn chỉnh việc trả kết quả đúng hẹn." });
        answered.StatusCode.ShouldBe(HttpStatusCode.OK, await answered.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> RateAsync(HttpClient citizen, string reference, int version, bool satisfied) =>
        citizen.PostAsJsonAsync($"/api/v1/me/petitions/{reference}/rating", new { version, satisfied });

    [Fact]
    public async Task Of_four_petitions_first_received_in_November_2026_one_unhappy_one_raised_again_one_overdue_one_fine_5_3_is_one_of_four()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var specialistName = await app.CreateStaffAsync(StaffRole.Specialist, f.Unit);
        var specialist = await app.SignInAsync(specialistName);
        var citizen = await OnlineApiTests.CitizenAsync(app);
        try
        {
            var unhappy = await SendAsync(citizen, f.Unit, Vn(2026, 11, 2, 9));
            await AssignAsync(f, unhappy, specialistName);
            var again = await SendAsync(citizen, f.Unit, Vn(2026, 11, 3, 9));
            await AssignAsync(f, again, specialistName);
            // Received and assigned Wed 04/11/2026 10:00: 15 working days (no holiday in November) end Wed 25/11/2026 10:00.
            var overdue = await SendAsync(citizen, f.Unit, Vn(2026, 11, 4, 10));
            (await AssignAsync(f, overdue, specialistName)).GetProperty("dueAt").GetString().ShouldBe("2026-11-25T10:00:00+07:00");
            var fine = await SendAsync(citizen, f.Unit, Vn(2026, 11, 5, 9));
            await AssignAsync(f, fine, specialistName);

            await AnswerAsync(specialist, unhappy, Vn(2026, 11, 10, 9));
            await AnswerAsync(specialist, again, Vn(2026, 11, 10, 10));
            await AnswerAsync(specialist, fine, Vn(2026, 11, 24, 16));

            app.Clock.SetNow(Vn(2026, 11, 11, 8));
            var rated = await RateAsync(citizen, unhappy, 2, satisfied: false);
            rated.StatusCode.ShouldBe(HttpStatusCode.OK, await rated.Content.ReadAsStringAsync());
            (await rated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("satisfied").GetBoolean().ShouldBeFalse();
            (await RateAsync(citizen, fine, 2, satisfied: true)).StatusCode.ShouldBe(HttpStatusCode.OK);
            // The re-raise is received in the period too, but only first receipts are counted.
            var later = await SendAsync(citizen, f.Unit, Vn(2026, 11, 12, 9), earlierReference: again.ToLowerInvariant());

            var mine = await citizen.GetFromJsonAsync<JsonElement>("/api/v1/me/petitions");
            var byReference = mine.EnumerateArray().ToDictionary(p => p.GetProperty("reference").GetString()!);
            byReference[again].GetProperty("raisedAgain").GetBoolean().ShouldBeTrue();
            byReference[again].GetProperty("version").GetInt32().ShouldBe(3);
            byReference[later].GetProperty("raisedAgain").GetBoolean().ShouldBeFalse();
            app.WithDb(db => db.Petitions.Single(p => p.Reference == again).RaisedAgainById)
                .ShouldBe(app.WithDb(db => db.Petitions.Single(p => p.Reference == later).Id));
            var unhappyId = app.WithDb(db => db.Petitions.Single(p => p.Reference == unhappy).Id.ToString());
            var history = app.WithDb(db => db.AuditEvents.Where(e => e.EntityId == unhappyId).Select(e => new { e.Action, e.ActorRole }).ToList());
            history.Single(e => e.Action == "petition.rated").ActorRole.ShouldBe("Citizen");

            var score = await f.Leader.GetFromJsonAsync<JsonElement>($"/api/v1/reports/decision766?unitCode={f.Unit}&from=2026-11-01&to=2026-11-30");
            var component = score.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("components").EnumerateArray())
                .Single(c => c.GetProperty("key").GetString() == "FeedbackSatisfaction");
            component.GetProperty("status").GetString().ShouldBe("Scored");
            (component.GetProperty("part").GetInt32(), component.GetProperty("whole").GetInt32()).ShouldBe((1, 4));
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Rating_someone_elses_petition_is_404_rating_before_the_answer_or_twice_is_409_and_a_foreign_earlier_reference_is_400()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var specialistName = await app.CreateStaffAsync(StaffRole.Specialist, f.Unit);
        var specialist = await app.SignInAsync(specialistName);
        var citizen = await OnlineApiTests.CitizenAsync(app);
        var stranger = await OnlineApiTests.CitizenAsync(app);
        try
        {
            var reference = await SendAsync(citizen, f.Unit, Vn(2026, 11, 16, 9));
            await AssignAsync(f, reference, specialistName);

            var early = await (await RateAsync(citizen, reference, 1, satisfied: true)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
            early.GetProperty("title").GetString().ShouldBe("Phản ánh, kiến nghị chưa được trả lời nên chưa thể đánh giá.");
            await AnswerAsync(specialist, reference, Vn(2026, 11, 17, 9));
            var foreign = await (await RateAsync(stranger, reference, 2, satisfied: false)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            foreign.GetProperty("title").GetString().ShouldBe("Không tìm thấy phản ánh, kiến nghị.");
            (await RateAsync(citizen, reference, 1, satisfied: true)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await RateAsync(citizen, reference, 2, satisfied: true)).StatusCode.ShouldBe(HttpStatusCode.OK);
            var twice = await (await RateAsync(citizen, reference, 3, satisfied: false)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
            twice.GetProperty("title").GetString().ShouldBe("Phản ánh, kiến nghị này đã được đánh giá.");
            app.WithDb(db => db.Petitions.Single(p => p.Reference == reference).SenderSatisfied).ShouldBe(true);

            foreach (var earlier in new[] { reference, "PA-ZZZZZZZZ" })
            {
                var refused = await (await stranger.PostAsJsonAsync("/api/v1/petitions", Petition(f.Unit, earlier))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
                refused.GetProperty("errors").GetProperty("earlierReference")[0].GetString()
                    .ShouldBe("Không có phản ánh, kiến nghị với mã này do tài khoản của bạn gửi.");
            }

            // Nothing was left behind by the refused submissions: the earlier petition is not raised again.
            app.WithDb(db => db.Petitions.Single(p => p.Reference == reference).RaisedAgainById).ShouldBeNull();
        }
        finally
        {
            app.Clock.Reset();
        }
    }
}
