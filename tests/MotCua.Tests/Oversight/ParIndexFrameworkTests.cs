using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;
using static MotCua.Tests.Oversight.ParIndexFixtures;

namespace MotCua.Tests.Oversight;

/// <summary>The reform index's criteria tree: versioned per province and year, checked to add up, copied between years.</summary>
[Collection(AppCollection.Name)]
public sealed class ParIndexFrameworkTests(MotCuaFactory app)
{
    [Fact]
    public async Task The_demo_province_has_this_years_tree_for_departments_and_communes_and_a_past_one_for_districts()
    {
        var supervisor = await app.SignInAsync("tinh.giamsat");
        var year = MotCua.Web.Dossiers.DossierTime.VietnamDate(app.Clock.GetUtcNow().UtcDateTime).Year;
        var frameworks = app.WithDb(db => db.ParIndexFrameworks.Where(f => f.ProvinceCode == "000.00.00.H50").OrderBy(f => f.Year)
            .Select(f => new { f.Id, f.Year, f.Subjects }).ToList());
        frameworks.Select(f => (f.Year, f.Subjects)).ShouldBe([(year - 2, "District"), (year, "Department,Commune")]);

        var tree = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/oversight/par-index/frameworks/{frameworks[1].Id}");
        tree.GetProperty("maxPoints").GetDecimal().ShouldBe(100m);
        var areas = tree.GetProperty("areas").EnumerateArray().ToList();
        areas.Select(a => a.GetProperty("name").GetString()).ShouldContain("Cải cách thủ tục hành chính");
        areas.Count.ShouldBe(7);
        var results = areas[1].GetProperty("children")[1].GetProperty("children").EnumerateArray()
            .Where(c => c.GetProperty("scoring").GetString() == "Automatic").Select(c => (c.GetProperty("measure").GetString(), c.GetProperty("target").GetDecimal()));
        results.ShouldContain(("PostalShare", 0.1m));

        // This year ranks the departments and the communes of the two-tier province; two years ago, its districts.
        var departments = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/oversight/par-index/frameworks/{frameworks[1].Id}/results?subject=Department");
        // (Other tests add units to the demo province: the demo's own are among them, and no unit of another kind.)
        var ranked = departments.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("unitCode").GetString()).ToList();
        ranked.ShouldContain("000.00.03.H50");
        ranked.ShouldContain("000.00.04.H50");
        ranked.ShouldNotContain("000.01.03.H50");
        ranked.ShouldNotContain("000.01.00.H50");
        ranked.ShouldNotContain("000.00.71.H50");
        var districts = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/oversight/par-index/frameworks/{frameworks[0].Id}/results");
        ranked = [.. districts.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("unitCode").GetString())];
        ranked.ShouldContain("000.00.12.H50");
        ranked.ShouldContain("000.00.13.H50");
        ranked.ShouldNotContain("000.21.12.H50");
    }

    [Fact]
    public async Task A_tree_that_does_not_add_up_is_refused_field_by_field_and_a_year_has_one_tree_per_province()
    {
        var (province, supervisor) = await ProvinceAsync(app);
        var bad = new
        {
            provinceCode = province,
            year = 2025,
            subjects = new[] { "Commune", "Ward" },
            basis = "Quyết định",
            areas = new object[]
            {
                new
                {
                    code = "1", name = "Cải cách thủ tục hành chính", maxPoints = 60m,
                    children = new object[]
                    {
                        new { code = "1.1", name = "Đúng hạn", maxPoints = 20m, scoring = "Automatic", measure = "OnTimeRate" },
                        new { code = "1.2", name = "Công khai", maxPoints = 30m, scoring = "SelfAssessed", measure = "OnlineShare" },
                    },
                },
                new { code = "1", name = "Tác động", maxPoints = 30m, scoring = "Survey" },
            },
        };
        var response = await supervisor.PostAsJsonAsync("/api/v1/oversight/par-index/frameworks", bad);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(
            ["subjects", "areas", "areas[0].maxPoints", "areas[0].children[0].target", "areas[0].children[1].measure"], ignoreOrder: true);
        errors.GetProperty("areas").EnumerateArray().Select(e => e.GetString()).ShouldBe(
            ["Tổng điểm tối đa của các lĩnh vực phải bằng 100.", "Mã tiêu chí “1” bị trùng."]);

        var commune = await app.CreateUnitAsync(province);
        var communeSupervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, commune));
        (await communeSupervisor.PostAsJsonAsync("/api/v1/oversight/par-index/frameworks", Tree(province, 2025))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var id = await CreateAsync(supervisor, Tree(province, 2025));
        (await supervisor.PostAsJsonAsync("/api/v1/oversight/par-index/frameworks", Tree(province, 2025))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var copy = await supervisor.PostAsJsonAsync($"/api/v1/oversight/par-index/frameworks/{id}/copies", new { year = 2023, subjects = new[] { "District" } });
        copy.StatusCode.ShouldBe(HttpStatusCode.Created, await copy.Content.ReadAsStringAsync());
        var copied = await copy.Content.ReadFromJsonAsync<JsonElement>();
        (copied.GetProperty("year").GetInt32(), copied.GetProperty("subjects")[0].GetString(), copied.GetProperty("state").GetString()).ShouldBe((2023, "District", "Open"));
        copied.GetProperty("areas")[0].GetProperty("children")[1].GetProperty("target").GetDecimal().ShouldBe(0.1m);
        app.WithDb(db => db.AuditEvents.Count(e => e.StreamId == $"ParIndexFramework:{province}:2023" && e.Action == "par-index.framework-copied")).ShouldBe(1);
    }

    [Fact]
    public async Task The_demo_publishes_its_district_year_with_ranks_per_area_and_lost_points_once()
    {
        const string province = "000.00.00.H50";
        var year = MotCua.Web.Dossiers.DossierTime.VietnamDate(app.Clock.GetUtcNow().UtcDateTime).Year - 2;
        var anyone = app.Anonymous();
        var page = new HtmlParser().ParseDocument(await anyone.GetStringAsync($"/chi-so-cchc?tinh={province}"));
        page.QuerySelector("#heading")!.TextContent.ShouldBe($"Chỉ số CCHC năm {year} — UBND cấp huyện");
        var rows = page.QuerySelectorAll("#ranking tbody tr").ToList();
        var units = rows.Select(r => r.GetAttribute("data-unit")).ToList();
        units.ShouldContain("000.00.12.H50");
        units.ShouldContain("000.00.13.H50");
        rows[0].QuerySelector("td")!.TextContent.ShouldBe("1");
        // The demo's districts score differently, and each is ranked in each of the seven areas.
        rows.Select(r => r.QuerySelector(".total")!.TextContent).Distinct().Count().ShouldBeGreaterThan(1);
        rows.ShouldAllBe(r => r.QuerySelectorAll(".area").Length == 7 && r.QuerySelectorAll(".area").All(a => a.TextContent.Contains("(hạng ")));

        var id = app.WithDb(db => db.ParIndexFrameworks.Single(f => f.ProvinceCode == province && f.Year == year).Id);
        var card = new HtmlParser().ParseDocument(await anyone.GetStringAsync($"/chi-so-cchc/{id}/000.00.12.H50"));
        var lost = card.QuerySelectorAll("#lost-points li").Select(li => li.TextContent).ToList();
        lost.ShouldContain("2.1. Công khai thủ tục hành chính đầy đủ, đúng quy định — Bị trừ 0,72/3,00: Thẩm định điều chỉnh từ 3,00 xuống 2,28 điểm: "
            + "Tài liệu kiểm chứng chưa chứng minh đầy đủ kết quả tự đánh giá (dữ liệu demo).");
        // The desk team's criterion is computed from the staff evaluations, of which the demo has none for that year.
        lost.ShouldContain("2.2.5. Tỷ lệ công chức Bộ phận Một cửa được xếp loại hoàn thành xuất sắc nhiệm vụ (từ 50%) — Bị trừ 2,00/2,00: "
            + "Tỷ lệ công chức Bộ phận Một cửa được xếp loại hoàn thành xuất sắc nhiệm vụ: chưa có số liệu trong năm.");

        // Restarting the demo changes nothing: the year is published once, its scores frozen once.
        (int Scores, int Events, DateTime? PublishedAt) Snapshot() => app.WithDb(db => (db.ParIndexScores.Count(s => s.FrameworkId == id),
            db.AuditEvents.Count(e => e.StreamId.StartsWith($"ParIndexScore:{id}:") || e.StreamId == $"ParIndexFramework:{province}:{year}"), db.ParIndexFrameworks.Single(f => f.Id == id).PublishedAt));
        var before = Snapshot();
        before.PublishedAt.ShouldNotBeNull();
        using (var scope = app.Services.CreateScope())
        {
            await new MotCua.Web.Oversight.ParIndex.SeedDemoParIndex().StoreAsync(scope.ServiceProvider, CancellationToken.None);
        }

        Snapshot().ShouldBe(before);
    }
}
