using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;

namespace MotCua.Tests.Oversight;

/// <summary>A province of the test's own with its Department of Home Affairs supervisor, and reform index trees to score it on.</summary>
internal static class ParIndexFixtures
{
    public static async Task<(string Province, HttpClient Supervisor)> ProvinceAsync(MotCuaFactory app)
    {
        var province = await app.CreateUnitAsync(null, UnitKind.Province, "Tỉnh Thử Nghiệm");
        return (province, await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, province)));
    }

    /// <summary>100 points: procedures 60 (on time 20 automatic, postal 10 automatic at a 10% target, publicity 30 self-assessed) and
    /// impact 40 (report quality 10 appraised, survey 30).</summary>
    public static object Tree(string province, int year, params string[] subjects) => new
    {
        provinceCode = province,
        year,
        subjects = subjects.Length == 0 ? ["Commune"] : subjects,
        basis = "Quyết định thử nghiệm ban hành Bộ chỉ số CCHC",
        areas = new object[]
        {
            new
            {
                code = "1", name = "Cải cách thủ tục hành chính", maxPoints = 60m,
                children = new object[]
                {
                    new { code = "1.1", name = "Tỷ lệ hồ sơ giải quyết đúng hạn", maxPoints = 20m, scoring = "Automatic", measure = "OnTimeRate", target = 1m },
                    new { code = "1.2", name = "Tỷ lệ hồ sơ qua bưu chính công ích", maxPoints = 10m, scoring = "Automatic", measure = "PostalShare", target = 0.1m },
                    new { code = "1.3", name = "Công khai thủ tục hành chính", maxPoints = 30m, scoring = "SelfAssessed" },
                },
            },
            new
            {
                code = "2", name = "Tác động của cải cách hành chính", maxPoints = 40m,
                children = new object[]
                {
                    new { code = "2.1", name = "Chất lượng báo cáo", maxPoints = 10m, scoring = "Appraised" },
                    new { code = "2.2", name = "Điều tra xã hội học", maxPoints = 30m, scoring = "Survey" },
                },
            },
        },
    };

    public static async Task<int> CreateAsync(HttpClient supervisor, object tree)
    {
        var response = await supervisor.PostAsJsonAsync("/api/v1/oversight/par-index/frameworks", tree);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static async Task<HttpResponseMessage> SelfAssessAsync(HttpClient client, int id, string unit, string code, decimal points, int version,
        string explanation = "Đã công khai đầy đủ") =>
        await client.PutAsJsonAsync($"/api/v1/oversight/par-index/frameworks/{id}/units/{unit}/criteria/{code}/self-assessment",
            new { points, explanation, version });

    public static async Task<HttpResponseMessage> AppraiseAsync(HttpClient client, int id, string unit, string code, decimal points, int version,
        string comment) =>
        await client.PutAsJsonAsync($"/api/v1/oversight/par-index/frameworks/{id}/units/{unit}/criteria/{code}/appraisal", new { points, comment, version });

    public static async Task<int> VersionOfAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    public static async Task<int> FrameworkVersionAsync(HttpClient client, int id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/oversight/par-index/frameworks/{id}")).GetProperty("version").GetInt32();

    public static async Task<HttpResponseMessage> CycleAsync(HttpClient supervisor, int id, string step) =>
        await supervisor.PostAsJsonAsync($"/api/v1/oversight/par-index/frameworks/{id}/{step}",
            new { version = await FrameworkVersionAsync(supervisor, id) });

    /// <summary>A published year of a new province with two communes: the first lost points on publicity (self-assessed 28, appraised 22,5),
    /// on the report and on the survey; the second scored higher. Returns the framework and the first commune.</summary>
    public static async Task<(int Id, string Province, string Weaker, string Stronger)> PublishedAsync(MotCuaFactory app, int year = 2025)
    {
        var (province, supervisor) = await ProvinceAsync(app);
        var weaker = await app.CreateUnitAsync(province, UnitKind.Commune, "UBND xã Hiệp Hòa");
        var stronger = await app.CreateUnitAsync(province, UnitKind.Commune, "UBND xã Thới Bình");
        var id = await CreateAsync(supervisor, Tree(province, year));
        foreach (var (unit, self, appraised, report, survey) in new[] { (weaker, 28m, 22.5m, 8m, 24.28m), (stronger, 30m, 30m, 10m, 27m) })
        {
            var leader = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Leader, unit));
            var version = await VersionOfAsync(await SelfAssessAsync(leader, id, unit, "1.3", self, 0));
            await VersionOfAsync(await AppraiseAsync(supervisor, id, unit, "1.3", appraised, version, "Niêm yết chưa đủ tại Bộ phận Một cửa"));
            await VersionOfAsync(await AppraiseAsync(supervisor, id, unit, "2.1", report, 0, "Báo cáo quý III nộp chậm"));
            await VersionOfAsync(await AppraiseAsync(supervisor, id, unit, "2.2", survey, 0, "Chỉ số hài lòng của người dân"));
        }

        (await CycleAsync(supervisor, id, "finalisation")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CycleAsync(supervisor, id, "publication")).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (id, province, weaker, stronger);
    }
}
