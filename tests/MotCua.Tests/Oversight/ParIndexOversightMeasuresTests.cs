using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;
using static MotCua.Tests.Oversight.ParIndexFixtures;

namespace MotCua.Tests.Oversight;

/// <summary>
/// The reform index's criteria fed by the oversight modules: the desk team's share graded "excellent" equals the staff performance figures for
/// the unit and year, and the corrections that inspections required are counted done on time against their deadlines on Vietnam dates.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ParIndexOversightMeasuresTests(MotCuaFactory app)
{
    private const string Inspections = "/api/v1/oversight/inspections";

    [Fact]
    public async Task The_desk_excellent_criterion_equals_the_staff_performance_desk_team_for_the_unit_and_year()
    {
        var (province, supervisor) = await ProvinceAsync(app);
        var commune = await app.CreateUnitAsync(province, UnitKind.Commune);
        var desk = await app.CreateUnitAsync(commune, UnitKind.Desk);
        var leader = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Leader, commune));
        // Five desk officers (one at the commune's desk), one never graded; a specialist graded excellent is not of the desk team.
        var officers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            officers.Add(await app.CreateStaffAsync(StaffRole.DeskOfficer, commune));
        }

        officers.Add(await app.CreateStaffAsync(StaffRole.DeskOfficer, desk));
        var specialist = await app.CreateStaffAsync(StaffRole.Specialist, commune);
        foreach (var (userName, grade, month) in new (string, string, int?)[]
        {
            (officers[0], "Excellent", null), (officers[1], "Good", null), (officers[2], "Completed", null), (officers[4], "Excellent", null),
            (specialist, "Excellent", null),
            // A monthly grade is not the year's.
            (officers[3], "Excellent", 12),
        })
        {
            var graded = await leader.PostAsJsonAsync("/api/v1/oversight/staff-evaluations", new { userName, year = 2025, month, grade });
            graded.StatusCode.ShouldBe(HttpStatusCode.OK, await graded.Content.ReadAsStringAsync());
        }

        var id = await CreateAsync(supervisor, Tree(province, 2025, ("DeskExcellentShare", 0.5m)));
        var team = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/oversight/staff-performance?unitCode={commune}&year=2025")).GetProperty("desk");
        var expected = (team.GetProperty("excellent").GetInt32(), team.GetProperty("graded").GetInt32());
        // Not a vacuous equality: 2 of the 4 graded desk officers.
        expected.ShouldBe((2, 4));

        (await MeasuredAsync(supervisor, id, commune)).ShouldBe((expected.Item1, expected.Item2, 10m));
        (await CycleAsync(supervisor, id, "finalisation")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MeasuredAsync(supervisor, id, commune)).ShouldBe((expected.Item1, expected.Item2, 10m));
    }

    [Fact]
    public async Task Corrections_count_when_done_by_their_deadline_and_one_due_today_is_not_yet_late()
    {
        var (province, supervisor) = await ProvinceAsync(app);
        var commune = await app.CreateUnitAsync(province, UnitKind.Commune);
        var other = await app.CreateUnitAsync(province, UnitKind.Commune);
        var id = await CreateAsync(supervisor, Tree(province, 2025, ("CorrectionsOnTime", 1m)));
        try
        {
            app.Clock.SetNow(Vn(2025, 3, 1));
            var plan = await OkAsync(await supervisor.PostAsJsonAsync(Inspections, new { parentUnitCode = province, year = 2025, unitCodes = new[] { commune, other } }));
            var planId = plan.GetProperty("id").GetInt32();
            plan = await OkAsync(await supervisor.PostAsJsonAsync($"{Inspections}/{planId}/rounds",
                new { version = Version(plan), kind = "Scheduled", date = "2025-03-10", teamLead = "Nguyễn Văn An", unitCodes = new[] { commune, other } }));
            var round = plan.GetProperty("rounds")[0].GetProperty("id").GetInt32();
            foreach (var (unit, deadline) in new[]
            {
                (commune, "2025-03-31"), (commune, "2025-06-30"), (commune, "2025-09-30"), (commune, "2025-12-31"), (commune, "2026-01-15"),
                (other, "2025-05-31"),
            })
            {
                plan = await OkAsync(await supervisor.PostAsJsonAsync($"{Inspections}/{planId}/rounds/{round}/corrections",
                    new { version = Version(plan), unitCode = unit, requirement = "Niêm yết đầy đủ thủ tục hành chính", deadline }));
            }

            var corrections = plan.GetProperty("rounds")[0].GetProperty("corrections").EnumerateArray()
                .ToDictionary(c => (c.GetProperty("unitCode").GetString()!, c.GetProperty("deadline").GetString()!), c => c.GetProperty("id").GetInt32());
            async Task CompleteAsync(string unit, string deadline, DateTimeOffset on)
            {
                app.Clock.SetNow(on);
                plan = await OkAsync(await supervisor.PostAsJsonAsync($"{Inspections}/{planId}/corrections/{corrections[(unit, deadline)]}/completion",
                    new { version = Version(plan), note = "Đã khắc phục" }));
            }

            await CompleteAsync(commune, "2025-03-31", Vn(2025, 3, 28));
            await CompleteAsync(other, "2025-05-31", Vn(2025, 5, 30));
            await CompleteAsync(commune, "2025-06-30", Vn(2025, 7, 3));

            // 30/9/2025, the year running: the one due 31/3 done in time, the one due 30/6 done late; the one due today is still in time.
            app.Clock.SetNow(Vn(2025, 9, 30));
            (await MeasuredAsync(supervisor, id, commune)).ShouldBe((1, 2, 5m));

            // Done on its deadline day: in time.
            await CompleteAsync(commune, "2025-12-31", Vn(2025, 12, 31));
        }
        finally
        {
            app.Clock.Reset();
        }

        // The year over: 31/3 and 31/12 in time, 30/6 late, 30/9 never done; the one due in 2026 is next year's, the other commune's its own.
        (await MeasuredAsync(supervisor, id, commune)).ShouldBe((2, 4, 5m));
        (await MeasuredAsync(supervisor, id, other)).ShouldBe((1, 1, 10m));
        (await CycleAsync(supervisor, id, "finalisation")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MeasuredAsync(supervisor, id, commune)).ShouldBe((2, 4, 5m));
    }

    /// <summary>One automatic criterion of 10 points on the measure, the other 90 self-assessed.</summary>
    private static object Tree(string province, int year, (string Measure, decimal Target) automatic) => new
    {
        provinceCode = province,
        year,
        subjects = new[] { "Commune" },
        basis = "Quyết định thử nghiệm",
        areas = new object[]
        {
            new
            {
                code = "1", name = "Công tác chỉ đạo, điều hành", maxPoints = 100m,
                children = new object[]
                {
                    new { code = "1.1", name = automatic.Measure, maxPoints = 10m, scoring = "Automatic", measure = automatic.Measure, target = automatic.Target },
                    new { code = "1.2", name = "Tuyên truyền cải cách hành chính", maxPoints = 90m, scoring = "SelfAssessed" },
                },
            },
        },
    };

    private static async Task<(int? Part, int? Whole, decimal Points)> MeasuredAsync(HttpClient client, int id, string unit)
    {
        var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/oversight/par-index/frameworks/{id}/units/{unit}");
        var criterion = card.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "1.1");
        return (Nullable(criterion.GetProperty("part")), Nullable(criterion.GetProperty("whole")), criterion.GetProperty("points").GetDecimal());
    }

    private static int? Nullable(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetInt32();

    private static DateTimeOffset Vn(int year, int month, int day) => new(year, month, day, 9, 0, 0, TimeSpan.FromHours(7));

    private static int Version(JsonElement plan) => plan.GetProperty("version").GetInt32();

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
