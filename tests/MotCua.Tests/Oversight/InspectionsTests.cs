using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web;
using MotCua.Web.Identity;
using MotCua.Web.Oversight.Inspections;
using MotCua.Web.Units;
using Shouldly;

namespace MotCua.Tests.Oversight;

/// <summary>
/// A province's 2026 plan for inspecting reform work at its 12 districts: two rounds (one announced, one unannounced) covering 6 of them, the
/// findings, and corrections followed up against their deadlines on Vietnam dates.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class InspectionsTests(MotCuaFactory app)
{
    private const string Api = "/api/v1/oversight/inspections";

    [Fact]
    public async Task Two_rounds_cover_six_of_twelve_units_and_a_correction_past_its_deadline_shows_overdue()
    {
        var (province, units, supervisor) = await ArrangeAsync();
        try
        {
            app.Clock.SetNow(Vn(2026, 5, 4));
            var plan = await OkAsync(await supervisor.PostAsJsonAsync(Api, new { parentUnitCode = province, year = 2026, unitCodes = units[..8] }));
            var id = plan.GetProperty("id").GetInt32();
            plan = await OkAsync(await supervisor.PostAsJsonAsync($"{Api}/{id}/rounds",
                new { version = Version(plan), kind = "Scheduled", date = "2026-05-12", teamLead = "Nguyễn Văn An", unitCodes = units[..4] }));
            plan = await OkAsync(await supervisor.PostAsJsonAsync($"{Api}/{id}/rounds",
                new { version = Version(plan), kind = "Unannounced", date = "2026-10-20", teamLead = "Trần Thị Bình", unitCodes = units[3..6] }));
            var rounds = plan.GetProperty("rounds").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList();

            plan = await OkAsync(await supervisor.PostAsJsonAsync($"{Api}/{id}/rounds/{rounds[0]}/findings",
                new { version = Version(plan), unitCode = units[0], item = "Niêm yết công khai thủ tục hành chính", passed = true }));
            plan = await OkAsync(await supervisor.PostAsJsonAsync($"{Api}/{id}/rounds/{rounds[0]}/findings",
                new { version = Version(plan), unitCode = units[1], item = "Trả kết quả đúng hạn", passed = false, note = "12 hồ sơ trễ hạn không có văn bản xin lỗi" }));
            plan = await OkAsync(await supervisor.PostAsJsonAsync($"{Api}/{id}/rounds/{rounds[1]}/findings",
                new { version = Version(plan), unitCode = units[5], item = "Số hóa kết quả giải quyết", passed = false, note = "Chưa số hóa" }));
            foreach (var (unit, deadline) in new[] { (units[1], "2026-06-30"), (units[5], "2026-11-25"), (units[4], "2026-12-15") })
            {
                plan = await OkAsync(await supervisor.PostAsJsonAsync($"{Api}/{id}/rounds/{(unit == units[1] ? rounds[0] : rounds[1])}/corrections",
                    new { version = Version(plan), unitCode = unit, requirement = "Khắc phục tồn tại", deadline }));
            }

            var corrections = plan.GetProperty("rounds").EnumerateArray().SelectMany(r => r.GetProperty("corrections").EnumerateArray())
                .ToDictionary(c => c.GetProperty("unitCode").GetString()!, c => c.GetProperty("id").GetInt32());
            app.Clock.SetNow(Vn(2026, 6, 29));
            plan = await OkAsync(await supervisor.PostAsJsonAsync($"{Api}/{id}/corrections/{corrections[units[1]]}/completion",
                new { version = Version(plan), note = "Đã gửi văn bản xin lỗi cho 12 người" }));

            // 25/11: the deadline day itself is still in time.
            app.Clock.SetNow(Vn(2026, 11, 25));
            Figures(await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).ShouldBe((2, 6, 12, 2, 2, 0, 1, 1, "2 đợt, 6/12 đơn vị"));

            // 26/11 in Vietnam (still 25/11 in UTC): the correction due 25/11 is overdue; the one due 15/12 stays open.
            app.Clock.SetNow(new DateTimeOffset(2026, 11, 25, 17, 30, 0, TimeSpan.Zero));
            var late = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/{id}");
            Figures(late).ShouldBe((2, 6, 12, 2, 1, 1, 1, 1, "2 đợt, 6/12 đơn vị"));
            var states = late.GetProperty("rounds").EnumerateArray().SelectMany(r => r.GetProperty("corrections").EnumerateArray())
                .ToDictionary(c => c.GetProperty("unitCode").GetString()!, c => c.GetProperty("state").GetString());
            states.ShouldBe(new Dictionary<string, string?> { [units[1]] = "Done", [units[5]] = "Overdue", [units[4]] = "Open" }, ignoreOrder: true);

            var page = new HtmlParser().ParseDocument(await supervisor.GetStringAsync($"/backoffice/giam-sat/kiem-tra?unitCode={province}&nam=2026"));
            page.QuerySelector(".inspection-summary")!.TextContent.ShouldBe("2 đợt, 6/12 đơn vị");
            page.QuerySelector($"tr[data-correction='{corrections[units[5]]}']")!.TextContent.ShouldContain("Quá hạn");
            page.QuerySelector(".inspection-corrections")!.TextContent.ShouldBe("Yêu cầu khắc phục: 1 đang thực hiện, 1 quá hạn, 1 đã xong (1 đúng hạn)");
        }
        finally
        {
            app.Clock.Reset();
        }

        var history = app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == $"InspectionPlan:{province}:2026").OrderBy(e => e.Sequence)
            .Select(e => new { e.Action, e.ActorRole }).ToList());
        history.Select(e => e.Action).ShouldBe([
            "oversight.inspection-plan.created", "oversight.inspection-round.added", "oversight.inspection-round.added",
            "oversight.inspection-finding.recorded", "oversight.inspection-finding.recorded", "oversight.inspection-finding.recorded",
            "oversight.inspection-correction.required", "oversight.inspection-correction.required", "oversight.inspection-correction.required",
            "oversight.inspection-correction.done"]);
        history.ShouldAllBe(e => e.ActorRole == "Supervisor");
    }

    [Fact]
    public async Task Two_supervisors_recording_on_the_same_version_one_wins_and_the_other_gets_409()
    {
        var (province, units, supervisor) = await ArrangeAsync();
        var other = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, province));
        var plan = await OkAsync(await supervisor.PostAsJsonAsync(Api, new { parentUnitCode = province, year = 2026, unitCodes = units[..2] }));
        var id = plan.GetProperty("id").GetInt32();
        plan = await OkAsync(await supervisor.PostAsJsonAsync($"{Api}/{id}/rounds",
            new { version = Version(plan), kind = "Scheduled", date = "2026-03-10", teamLead = "Lê Văn Cường", unitCodes = units[..2] }));
        var round = plan.GetProperty("rounds")[0].GetProperty("id").GetInt32();

        var answers = await Task.WhenAll(new[] { supervisor, other }.Select(client => client.PostAsJsonAsync($"{Api}/{id}/rounds/{round}/findings",
            new { version = Version(plan), unitCode = units[0], item = "Niêm yết công khai", passed = true })));
        answers.Select(a => a.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], ignoreOrder: true);
        await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        // A writer still on the old version is refused too; the plan holds one finding.
        await (await other.PostAsJsonAsync($"{Api}/{id}/rounds/{round}/findings",
            new { version = Version(plan), unitCode = units[1], item = "Trả kết quả", passed = true })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var stored = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/{id}");
        stored.GetProperty("rounds")[0].GetProperty("findings").GetArrayLength().ShouldBe(1);
        stored.GetProperty("version").GetInt32().ShouldBe(Version(plan) + 1);
    }

    [Fact]
    public async Task Bad_input_is_400_in_Vietnamese_a_desk_officer_gets_403_and_neither_leaves_anything_behind()
    {
        var (province, units, supervisor) = await ArrangeAsync();
        var plan = await OkAsync(await supervisor.PostAsJsonAsync(Api, new { parentUnitCode = province, year = 2026, unitCodes = units[..3] }));
        var id = plan.GetProperty("id").GetInt32();

        var bad = await (await supervisor.PostAsJsonAsync($"{Api}/{id}/rounds",
            new { version = Version(plan), kind = "Surprise", date = "2025-12-31", teamLead = "", unitCodes = new[] { units[0] } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("kind")[0].GetString().ShouldStartWith("Giá trị không hợp lệ");
        bad.GetProperty("errors").GetProperty("teamLead")[0].GetString().ShouldBe("Bắt buộc nhập.");
        var outside = await (await supervisor.PostAsJsonAsync($"{Api}/{id}/rounds",
            new { version = Version(plan), kind = "Scheduled", date = "2025-12-31", teamLead = "Phạm Duy", unitCodes = new[] { units[0], units[5] } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        outside.GetProperty("errors").GetProperty("date")[0].GetString().ShouldBe("Ngày kiểm tra phải trong năm 2026.");
        outside.GetProperty("errors").GetProperty("unitCodes")[0].GetString().ShouldBe($"Đơn vị không có trong kế hoạch: {units[5]}.");
        var foreign = await app.CreateUnitAsync(null, UnitKind.Province);
        (await (await supervisor.PostAsJsonAsync(Api, new { parentUnitCode = province, year = 2027, unitCodes = new[] { foreign } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("unitCodes")[0].GetString()
            .ShouldBe($"Không phải đơn vị trực thuộc: {foreign}.");

        var desk = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, province));
        await (await desk.PostAsJsonAsync($"{Api}/{id}/rounds",
            new { version = Version(plan), kind = "Scheduled", date = "2026-04-01", teamLead = "Phạm Duy", unitCodes = new[] { units[0] } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await desk.PostAsJsonAsync(Api, new { parentUnitCode = province, year = 2027, unitCodes = units[..1] })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        // A supervisor of another province may not write here either.
        var stranger = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, foreign));
        await (await stranger.PostAsJsonAsync($"{Api}/{id}/rounds",
            new { version = Version(plan), kind = "Scheduled", date = "2026-04-01", teamLead = "Phạm Duy", unitCodes = new[] { units[0] } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var stored = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/{id}");
        (stored.GetProperty("version").GetInt32(), stored.GetProperty("rounds").GetArrayLength()).ShouldBe((1, 0));
        app.WithDb(db => db.AuditEvents.Count(e => e.StreamId.StartsWith($"InspectionPlan:{province}:"))).ShouldBe(1);
    }

    [Fact]
    public async Task A_round_checklist_bounds_its_findings_a_dissolved_unit_is_out_of_scope_and_a_second_completion_is_409()
    {
        var (province, units, supervisor) = await ArrangeAsync();
        // A district dissolved before 2026 is neither offered to the plan nor counted among the units in scope.
        var dissolved = await app.CreateUnitAsync(province, UnitKind.District);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
            db.Units.Single(u => u.Code == dissolved).Close(new DateOnly(2025, 6, 30));
            await db.SaveChangesAsync();
        }

        (await (await supervisor.PostAsJsonAsync(Api, new { parentUnitCode = province, year = 2026, unitCodes = new[] { units[0], dissolved } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("unitCodes")[0].GetString()
            .ShouldBe($"Không phải đơn vị trực thuộc: {dissolved}.");
        var plan = await OkAsync(await supervisor.PostAsJsonAsync(Api, new { parentUnitCode = province, year = 2026, unitCodes = units[..2] }));
        var id = plan.GetProperty("id").GetInt32();
        var checklist = new[] { " Niêm yết công khai ", "", "Trả kết quả đúng hạn", "Niêm yết công khai" };
        plan = await OkAsync(await supervisor.PostAsJsonAsync($"{Api}/{id}/rounds",
            new { version = Version(plan), kind = "Scheduled", date = "2026-03-10", teamLead = "Lê Văn Cường", unitCodes = units[..2], checklist }));
        var round = plan.GetProperty("rounds")[0];
        round.GetProperty("checklist").EnumerateArray().Select(i => i.GetString()).ShouldBe(["Niêm yết công khai", "Trả kết quả đúng hạn"]);
        Figures(plan).Item3.ShouldBe(12);

        var roundId = round.GetProperty("id").GetInt32();
        (await (await supervisor.PostAsJsonAsync($"{Api}/{id}/rounds/{roundId}/findings",
            new { version = Version(plan), unitCode = units[0], item = "Số hóa hồ sơ", passed = true })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("item")[0].GetString().ShouldBe("Nội dung không có trong danh sách kiểm tra của đợt.");
        plan = await OkAsync(await supervisor.PostAsJsonAsync($"{Api}/{id}/rounds/{roundId}/findings",
            new { version = Version(plan), unitCode = units[0], item = "Trả kết quả đúng hạn", passed = true }));

        plan = await OkAsync(await supervisor.PostAsJsonAsync($"{Api}/{id}/rounds/{roundId}/corrections",
            new { version = Version(plan), unitCode = units[1], requirement = "Niêm yết đủ", deadline = "2026-04-10" }));
        var correction = plan.GetProperty("rounds")[0].GetProperty("corrections")[0].GetProperty("id").GetInt32();
        plan = await OkAsync(await supervisor.PostAsJsonAsync($"{Api}/{id}/corrections/{correction}/completion", new { version = Version(plan), note = "Đã niêm yết" }));
        var again = await (await supervisor.PostAsJsonAsync($"{Api}/{id}/corrections/{correction}/completion", new { version = Version(plan), note = "Lần nữa" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        again.GetProperty("detail").GetString().ShouldBe("Yêu cầu khắc phục này đã được ghi nhận hoàn thành.");
    }

    [Fact]
    public async Task The_demo_seeds_the_provinces_plan_of_the_year_once_with_two_rounds_and_a_correction_done_on_time_one_overdue_and_one_open()
    {
        // A year the start-up has not seeded: the demo's dates follow today's, 20/11/2030.
        app.Clock.SetNow(Vn(2030, 11, 20));
        try
        {
            var supervisor = await app.SignInAsync("tinh.giamsat");
            foreach (var _ in new[] { 1, 2 })
            {
                using var scope = app.Services.CreateScope();
                await new SeedDemoInspections().StoreAsync(scope.ServiceProvider, CancellationToken.None);
            }

            var page = new HtmlParser().ParseDocument(await supervisor.GetStringAsync("/backoffice/giam-sat/kiem-tra?unitCode=000.00.00.H50&nam=2030"));
            page.QuerySelector(".inspection-summary")!.TextContent.ShouldMatch(@"^2 đợt, 4/\d+ đơn vị$");
            page.QuerySelectorAll(".inspection-round h2").Select(h => h.TextContent).ShouldBe([
                "Đợt kiểm tra 22/08/2030 — Theo kế hoạch", "Đợt kiểm tra 30/10/2030 — Đột xuất"]);
            page.QuerySelector(".inspection-corrections")!.TextContent.ShouldBe("Yêu cầu khắc phục: 1 đang thực hiện, 1 quá hạn, 1 đã xong (1 đúng hạn)");
            page.QuerySelector("tr[data-state=Overdue]")!.TextContent.ShouldContain("06/10/2030");
            page.QuerySelector("tr[data-state=Done]")!.TextContent.ShouldContain("Ngày khắc phục xong: 09/09/2030.");
        }
        finally
        {
            app.Clock.Reset();
        }

        app.WithDb(db => db.AuditEvents.Count(e => e.StreamId == "InspectionPlan:000.00.00.H50:2030")).ShouldBe(1);
    }

    private async Task<(string Province, string[] Units, HttpClient Supervisor)> ArrangeAsync()
    {
        var province = await app.CreateUnitAsync(null, UnitKind.Province);
        var units = new string[12];
        for (var i = 0; i < units.Length; i++)
        {
            units[i] = await app.CreateUnitAsync(province, UnitKind.District);
        }

        return (province, units, await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, province)));
    }

    private static DateTimeOffset Vn(int year, int month, int day) => new(year, month, day, 9, 0, 0, TimeSpan.FromHours(7));

    private static int Version(JsonElement plan) => plan.GetProperty("version").GetInt32();

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static (int, int, int, int, int, int, int, int, string?) Figures(JsonElement plan)
    {
        var f = plan.GetProperty("figures");
        return (f.GetProperty("rounds").GetInt32(), f.GetProperty("unitsInspected").GetInt32(), f.GetProperty("unitsUnderParent").GetInt32(),
            f.GetProperty("findingsFailed").GetInt32(), f.GetProperty("correctionsOpen").GetInt32(), f.GetProperty("correctionsOverdue").GetInt32(),
            f.GetProperty("correctionsDone").GetInt32(), f.GetProperty("correctionsDoneOnTime").GetInt32(), f.GetProperty("summary").GetString());
    }
}
