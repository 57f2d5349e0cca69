using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Workflow;
using MotCua.Web.Identity;
using MotCua.Web.Oversight;
using Shouldly;
using static MotCua.Tests.Workflow.WorkflowApiTests;

namespace MotCua.Tests.Oversight;

/// <summary>
/// Each officer's figures from dossiers handled live in January 2026 (the specialist's step has 16 working hours), and the desk team's
/// "excellent" grades against the province's cap.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StaffPerformanceTests(MotCuaFactory app)
{
    private readonly WorkflowApiTests _flow = new(app);

    [Fact]
    public async Task Each_officer_is_credited_with_what_the_history_and_the_control_slip_record()
    {
        var (unit, desk, specialistName, specialist, leader) = await _flow.ArrangeAsync();
        var deskName = app.WithDb(db => db.Users.Where(u => u.Roles.Any(r => r.Role == StaffRole.DeskOfficer && r.Unit!.Code == unit)).Select(u => u.UserName!).Single());
        try
        {
            // Started Mon 05/01 09:30, 16 working hours: forwarded Tue 06/01 10:00 (early) and Fri 09/01 08:00 (late).
            foreach (var forwardedAt in new[] { Vn(6, 10), Vn(9, 8) })
            {
                var code = await _flow.ReceiveAsync(desk, Vn(5, 9));
                var started = await _flow.ActAsync(desk, code, "start", Vn(5, 9, 30), new { version = 1 });
                await _flow.ActAsync(specialist, code, "forward", forwardedAt, new { version = Version(started) });
            }

            var third = await _flow.ReceiveAsync(desk, Vn(5, 9));
            var begun = await _flow.ActAsync(desk, third, "start", Vn(5, 9, 30), new { version = 1 });
            await _flow.ActAsync(specialist, third, "supplement-request", Vn(6, 10), new { version = Version(begun), reason = "Thiếu tờ khai" });
        }
        finally
        {
            app.Clock.Reset();
        }

        var response = await leader.GetAsync($"/api/v1/oversight/staff-performance?unitCode={unit}&year=2026&month=1");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var figures = await response.Content.ReadFromJsonAsync<JsonElement>();
        var officers = figures.GetProperty("officers").EnumerateArray().ToDictionary(o => o.GetProperty("userName").GetString()!);
        Row(officers[deskName]).ShouldBe((3, 0, 0, 0));
        Row(officers[specialistName]).ShouldBe((0, 1, 1, 1));
        figures.GetProperty("ratingsMeasured").GetBoolean().ShouldBeFalse();
        officers[specialistName].GetProperty("ratingsTotal").ValueKind.ShouldBe(JsonValueKind.Null);

        // February: nothing happened.
        var february = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/oversight/staff-performance?unitCode={unit}&year=2026&month=2");
        february.GetProperty("officers").EnumerateArray().ShouldAllBe(o => o.GetProperty("received").GetInt32() == 0 && o.GetProperty("processedLate").GetInt32() == 0);

        var html = await (await leader.GetAsync($"/backoffice/giam-sat/can-bo?unitCode={unit}&nam=2026&thang=1")).Content.ReadAsStringAsync();
        var page = new HtmlParser().ParseDocument(html);
        page.QuerySelector($"tr[data-officer='{specialistName}']")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim())
            .ShouldBe(["0", "1", "1", "1", "Chưa có dữ liệu", "—"]);
        page.QuerySelector(".no-data")!.TextContent.ShouldContain("Chưa có dữ liệu đánh giá của người dân");
    }

    [Fact]
    public async Task The_desk_teams_excellent_share_is_checked_against_the_provinces_cap_and_each_grade_is_given_once()
    {
        var province = await app.CreateUnitAsync(null, MotCua.Web.Units.UnitKind.Province);
        var commune = await app.CreateUnitAsync(province);
        var desks = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            desks.Add(await app.CreateStaffAsync(StaffRole.DeskOfficer, commune));
        }

        var leader = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Leader, commune));
        var supervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, province));
        var rule = await supervisor.PostAsJsonAsync("/api/v1/oversight/excellent-share-rules",
            new { provinceCode = province, validFrom = "2020-11-09", maxPercent = 20, basis = "Quyết định 44/2020/QĐ-UBND tỉnh Ninh Thuận" });
        rule.StatusCode.ShouldBe(HttpStatusCode.OK, await rule.Content.ReadAsStringAsync());
        (await leader.PostAsJsonAsync("/api/v1/oversight/excellent-share-rules",
            new { provinceCode = province, validFrom = "2021-01-01", maxPercent = 50, basis = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // 2025: 2 excellent, 3 good, 1 completed. 20% of the 5 good or above allows 1 excellent: over the cap.
        string[] grades = ["Excellent", "Excellent", "Good", "Good", "Good", "Completed"];
        for (var i = 0; i < desks.Count; i++)
        {
            var graded = await leader.PostAsJsonAsync("/api/v1/oversight/staff-evaluations", new { userName = desks[i], year = 2025, grade = grades[i] });
            graded.StatusCode.ShouldBe(HttpStatusCode.OK, await graded.Content.ReadAsStringAsync());
        }

        var again = await leader.PostAsJsonAsync("/api/v1/oversight/staff-evaluations", new { userName = desks[0], year = 2025, grade = "Good" });
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await leader.PostAsJsonAsync("/api/v1/oversight/staff-evaluations", new { userName = desks[0], year = 2025, grade = "Superb" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var team = (await leader.GetFromJsonAsync<JsonElement>($"/api/v1/oversight/staff-performance?unitCode={commune}&year=2025")).GetProperty("desk");
        (team.GetProperty("officers").GetInt32(), team.GetProperty("graded").GetInt32(), team.GetProperty("excellent").GetInt32(),
            team.GetProperty("goodOrAbove").GetInt32(), team.GetProperty("cap").GetInt32(), team.GetProperty("withinCap").GetBoolean())
            .ShouldBe((6, 6, 2, 5, 1, false));
        team.GetProperty("excellentShare").GetDecimal().ShouldBe(0.3333m);

        var history = app.WithDb(db => db.AuditEvents.Where(e => e.Action == "staff.evaluated" && e.ActorUnitCode == commune).Select(e => e.ActorRole).ToList());
        history.ShouldBe(Enumerable.Repeat("Leader", 6));
    }

    [Theory]
    // 5 graded good or above at 20%: 1 excellent allowed. 10 at 20%: 2. 4 at 20%: none (rounded down).
    [InlineData(1, 4, 20, 1, true)]
    [InlineData(2, 3, 20, 1, false)]
    [InlineData(2, 8, 20, 2, true)]
    [InlineData(1, 3, 20, 0, false)]
    public void The_cap_is_a_share_of_those_graded_good_or_above_rounded_down(int excellent, int good, int percent, int cap, bool within)
    {
        var desk = Enumerable.Repeat<EvaluationGrade?>(EvaluationGrade.Excellent, excellent).Concat(Enumerable.Repeat<EvaluationGrade?>(EvaluationGrade.Good, good))
            .Append(null).ToList();
        var team = GetStaffPerformance.Team(desk, new ExcellentShareRule { ProvinceCode = "P", MaxPercentOfGoodOrAbove = percent, Basis = "b" });
        (team.Cap, team.WithinCap, team.Graded, team.Officers).ShouldBe((cap, within, excellent + good, excellent + good + 1));
    }

    private static (int, int, int, int) Row(JsonElement officer) => (officer.GetProperty("received").GetInt32(), officer.GetProperty("processedOnTime").GetInt32(),
        officer.GetProperty("processedLate").GetInt32(), officer.GetProperty("supplementsRequested").GetInt32());
}
