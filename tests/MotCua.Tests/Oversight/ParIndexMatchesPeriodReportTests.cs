using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Reporting;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;
using static MotCua.Tests.Oversight.ParIndexFixtures;

namespace MotCua.Tests.Oversight;

/// <summary>Figures carry legal weight: each automatic criterion of the reform index equals the period report's figure for the same unit and
/// year, before finalisation and frozen after it.</summary>
[Collection(AppCollection.Name)]
public sealed class ParIndexMatchesPeriodReportTests(MotCuaFactory app)
{
    private const string Header = "code,procedureCode,unitCode,channel,ownerName,receivedAt,dueAt,suspensions,finishedAt,returnedAt,withdrawnAt,refusedAt,reason";

    [Fact]
    public async Task Every_automatic_criterion_equals_the_period_report_for_the_unit_and_year()
    {
        var (province, supervisor) = await ProvinceAsync(app);
        var commune = await app.CreateUnitAsync(province, UnitKind.Commune);
        var office = await app.CreateUnitAsync(commune, UnitKind.Office);
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, commune));
        // 2025 at the commune and its office: online, postal and counter; early, on time, late; one carried into 2026, one from 2024.
        var csv = string.Join("\r\n",
            Header,
            $"PAR-{commune}-1,2.000528,{commune},Online,Nguyễn Văn A,2025-03-03 09:00,2025-03-10 09:00,,2025-03-07 10:00,2025-03-07 15:00,,,",
            $"PAR-{commune}-2,2.000528,{commune},Postal,Nguyễn Văn B,2025-04-01 09:00,2025-04-08 09:00,,2025-04-08 16:00,,,,",
            $"PAR-{commune}-3,2.000528,{office},Counter,Nguyễn Văn C,2025-05-05 09:00,2025-05-12 09:00,,2025-05-14 10:00,,,,",
            $"PAR-{commune}-4,2.000528,{office},Counter,Nguyễn Văn D,2025-06-02 09:00,2025-06-09 09:00,,2025-06-20 10:00,,,,",
            $"PAR-{commune}-5,2.000528,{commune},Online,Nguyễn Văn E,2025-12-29 09:00,2026-01-06 09:00,,2026-01-05 10:00,,,,",
            $"PAR-{commune}-6,2.000528,{commune},Counter,Nguyễn Văn G,2024-12-20 09:00,2025-01-03 09:00,,2025-01-02 10:00,,,,",
            $"PAR-{commune}-7,2.000528,{commune},Counter,Nguyễn Văn H,2025-07-01 09:00,2025-07-08 09:00,,,,2025-07-02 09:00,,Công dân rút");
        var imported = await admin.PostAsync("/api/v1/imports/dossiers", new StringContent(csv, Encoding.UTF8, "text/csv"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());

        var tree = new
        {
            provinceCode = province,
            year = 2025,
            subjects = new[] { "Commune" },
            basis = "Quyết định thử nghiệm",
            areas = new object[]
            {
                new
                {
                    code = "1", name = "Kết quả giải quyết và chính quyền số", maxPoints = 100m,
                    children = new[] { "OnTimeRate", "ResultsAttached", "OnlineShare", "PostalShare", "FeedbackOnTime", "Satisfaction", "SignedResults" }
                        .Select((m, i) => new { code = $"1.{i + 1}", name = m, maxPoints = i == 0 ? 40m : 10m, scoring = "Automatic", measure = m, target = 0.5m })
                        .ToArray(),
                },
            },
        };
        var id = await CreateAsync(supervisor, tree);

        var summary = await PeriodFiguresApiTests.SummaryAsync(supervisor, commune, "2025-01-01", "2025-12-31");
        var d766 = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/reports/decision766?unitCode={commune}&from=2025-01-01&to=2025-12-31");
        (int? Part, int? Whole) Input(string input)
        {
            var component = d766.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("components").EnumerateArray())
                .Single(c => c.GetProperty("input").GetString() == input);
            return (Nullable(component.GetProperty("part")), Nullable(component.GetProperty("whole")));
        }

        int Figure(string name) => summary.GetProperty(name).GetInt32();
        var expected = new Dictionary<string, (int? Part, int? Whole)>
        {
            ["OnTimeRate"] = (Figure("resolvedEarly") + Figure("resolvedOnTime"), Figure("resolved")),
            ["ResultsAttached"] = (Figure("resultsAttached"), Figure("resolved")),
            ["OnlineShare"] = (Figure("receivedOnline"), Figure("receivedNew")),
            ["PostalShare"] = (Figure("receivedPostal"), Figure("receivedNew")),
            ["FeedbackOnTime"] = Input("FeedbackHandledShare"),
            ["Satisfaction"] = Input("SatisfactionRate"),
            ["SignedResults"] = Input("SignedResultsShare"),
        };
        // Not a vacuous equality: the year has figures of its own.
        (Figure("resolved"), Figure("receivedNew"), Figure("receivedOnline"), Figure("receivedPostal"), Figure("resolvedLate")).ShouldBe((5, 6, 2, 1, 2));
        summary.GetProperty("onTimeRate").GetDecimal().ShouldBe(0.6m);

        await AssertCardAsync(supervisor, id, commune, expected);
        (await CycleAsync(supervisor, id, "finalisation")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await AssertCardAsync(supervisor, id, commune, expected);
    }

    private static async Task AssertCardAsync(HttpClient client, int id, string unit, Dictionary<string, (int? Part, int? Whole)> expected)
    {
        var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/oversight/par-index/frameworks/{id}/units/{unit}");
        var criteria = card.GetProperty("criteria").EnumerateArray().ToDictionary(c => c.GetProperty("measure").GetString()!);
        criteria.Keys.ShouldBe(expected.Keys, ignoreOrder: true);
        foreach (var (measure, (part, whole)) in expected)
        {
            var criterion = criteria[measure];
            (Nullable(criterion.GetProperty("part")), Nullable(criterion.GetProperty("whole"))).ShouldBe((part, whole), measure);
        }

        // 40 points at a 50% target: 3 of 5 on time is full marks; 2 of 6 online earns 10 × (1/3 ÷ 1/2) = 6,67.
        criteria["OnTimeRate"].GetProperty("points").GetDecimal().ShouldBe(40m);
        criteria["OnlineShare"].GetProperty("points").GetDecimal().ShouldBe(6.67m);
    }

    private static int? Nullable(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetInt32();
}
