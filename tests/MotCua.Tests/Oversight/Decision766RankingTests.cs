using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;

namespace MotCua.Tests.Oversight;

/// <summary>The Decision 766 ranking of the units under a district, for a month or a quarter.</summary>
[Collection(AppCollection.Name)]
public sealed class Decision766RankingTests(MotCuaFactory app)
{
    private const string MaritalStatus = "1.004873";
    private const string NotOnline = "2.000884";

    [Fact]
    public async Task Units_under_a_district_are_ranked_by_total_and_equal_totals_share_a_rank()
    {
        var district = await app.CreateUnitAsync("000.00.00.H50", UnitKind.District);
        // Procedures online 1 of 2 → 6 × 50% ÷ 80% = 3,75, complete 5: 8,75. Online 1 of 1: 6 + 5 = 11. Nothing listed: 0.
        var half = await ProvidingAsync(district, MaritalStatus, NotOnline);
        var full = await ProvidingAsync(district, MaritalStatus);
        var fullToo = await ProvidingAsync(district, MaritalStatus);
        var none = await ProvidingAsync(district);
        await app.CreateUnitAsync(district, UnitKind.Desk);
        var supervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, district));

        var response = await supervisor.GetAsync($"/api/v1/oversight/decision766/ranking?unitCode={district}&year=2026&quarter=1");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var ranking = await response.Content.ReadFromJsonAsync<JsonElement>();
        (ranking.GetProperty("from").GetString(), ranking.GetProperty("to").GetString()).ShouldBe(("2026-01-01", "2026-03-31"));
        var rows = ranking.GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("rank").GetInt32(), r.GetProperty("unitCode").GetString(), r.GetProperty("total").GetDecimal())).ToList();
        string[] tied = [full, fullToo];
        Array.Sort(tied, StringComparer.Ordinal);
        rows.ShouldBe([(1, tied[0], 11m), (1, tied[1], 11m), (3, half, 8.75m), (4, none, 0m)]);
        // Inputs no module measures yet are counted, not guessed. Ratings and feedback feed satisfaction and feedback
        // handling, Payments the online payment components (3.5, 3.6), Signatures the signed results, the national portal sync
        // progress synchronised (1.4), CitizenIdentity the data reuse (4.3), the catalog's publication decisions 1.1 and 1.2, and
        // the feedback module the satisfaction with the handling of feedback (5.3): none remains.
        ranking.GetProperty("rows")[0].GetProperty("noDataComponents").GetInt32().ShouldBe(0);

        var html = await (await supervisor.GetAsync($"/backoffice/giam-sat/xep-hang-766?unitCode={district}&nam=2026&thang=2")).Content.ReadAsStringAsync();
        var page = new HtmlParser().ParseDocument(html);
        page.QuerySelector("h2#ranking")!.TextContent.ShouldContain("từ ngày 01/02/2026 đến ngày 28/02/2026");
        page.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-unit")).ShouldBe([tied[0], tied[1], half, none]);
        page.QuerySelector($"tr[data-unit='{half}']")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ShouldBe(
            ["3", "5,00", "0,00", "3,75", "0,00", "0,00", "0,00", "8,75/100", "0"]);
    }

    [Fact]
    public async Task A_period_must_be_a_month_or_a_quarter_of_a_year_that_has_begun_and_a_commune_may_not_rank_its_district()
    {
        var district = await app.CreateUnitAsync("000.00.00.H50", UnitKind.District);
        var commune = await app.CreateUnitAsync(district);
        var supervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, district));
        var communeDesk = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, commune));
        foreach (var query in new[] { "year=2026&month=13", "year=2026&quarter=5", "year=2026&month=1&quarter=1", "year=1999", "month=1" })
        {
            await (await supervisor.GetAsync($"/api/v1/oversight/decision766/ranking?unitCode={district}&{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        }

        (await communeDesk.GetAsync($"/api/v1/oversight/decision766/ranking?unitCode={district}&year=2026&month=1")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<string> ProvidingAsync(string district, params string[] procedures)
    {
        var unit = await app.CreateUnitAsync(district);
        foreach (var procedure in procedures)
        {
            await app.ProvideAsync(procedure, unit);
        }

        return unit;
    }
}
