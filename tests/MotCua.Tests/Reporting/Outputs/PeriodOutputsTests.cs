using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Workflow;
using MotCua.Web.Identity;
using MotCua.Web.Reporting;
using MotCua.Web.Reporting.Outputs;
using MotCua.Web.Units;
using Shouldly;
using static MotCua.Tests.Workflow.WorkflowApiTests;

namespace MotCua.Tests.Reporting.Outputs;

/// <summary>
/// The outputs of a period report from dossiers handled live in January 2026 (3 working days; received Mon 05/01 09:00,
/// due Thu 08/01 09:00): one decided on the due date, one the day after, one still open at the end of Fri 09/01.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PeriodOutputsTests(MotCuaFactory app)
{
    private const string Period = "from=2026-01-05&to=2026-01-09";
    private readonly WorkflowApiTests _flow = new(app);

    [Fact]
    public async Task The_summary_workbook_holds_the_same_numbers_as_the_summary_api()
    {
        var (unit, desk) = await ArrangeAsync();

        var summary = await PeriodFiguresApiTests.SummaryAsync(desk, unit, "2026-01-05", "2026-01-09");
        var response = await desk.GetAsync($"/api/v1/reports/summary.xlsx?{Period}&unitCode={unit}&rowsBy=Unit");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var book = new Workbook(await response.Content.ReadAsByteArrayAsync());

        book.SchemaErrors.ShouldBeEmpty();
        book.Text(0, "A1").ShouldBe("BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH");
        book.Text(0, "A3").ShouldBe("Từ ngày 05/01/2026 đến ngày 09/01/2026");
        book.Text(0, "B6").ShouldBe("Đơn vị");
        book.Text(0, "B7").ShouldBe(summary.GetProperty("unitName").GetString());
        book.Text(0, "B8").ShouldBe("Tổng cộng");
        summary.GetProperty("receivedNew").GetInt32().ShouldBe(3);
        summary.GetProperty("resolvedLate").GetInt32().ShouldBe(1);
        for (var i = 0; i < ReportColumns.All.Length; i++)
        {
            var column = ReportColumns.All[i];
            var json = summary.GetProperty(char.ToLowerInvariant(column.Key[0]) + column.Key[1..]);
            foreach (var row in new[] { 7, 8 })
            {
                var cell = Xlsx.Column(i + 2) + row;
                book.Text(0, Xlsx.Column(i + 2) + 6).ShouldNotBeEmpty();
                if (json.ValueKind == JsonValueKind.Null)
                {
                    book.Text(0, cell).ShouldBe("", column.Key);
                }
                else
                {
                    book.Number(0, cell).ShouldBe((double)json.GetDecimal(), 1e-9, column.Key);
                    book.Format(0, cell).ShouldBe(column.Count is null ? "0.0%" : @"[>=1000000]#\.###\.##0;[>=1000]#\.##0;0", column.Key);
                }
            }
        }

        book.Number(0, "T8").ShouldBe(0.5);
        book.Text(0, "T6").ShouldBe("Tỷ lệ trước hạn và đúng hạn");
    }

    [Fact]
    public async Task Decision_766_shows_each_components_inputs_and_points_and_scores_nothing_to_measure_zero()
    {
        var (unit, desk) = await ArrangeAsync();

        var score = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/reports/decision766?unitCode={unit}&{Period}");
        var groups = score.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!);
        var components = groups.Values.SelectMany(g => g.GetProperty("components").EnumerateArray()).ToDictionary(c => c.GetProperty("key").GetString()!);
        groups.Count.ShouldBe(6);
        groups.Values.Sum(g => g.GetProperty("max").GetDecimal()).ShouldBe(100m);
        score.GetProperty("total").GetDecimal().ShouldBe(groups.Values.Sum(g => g.GetProperty("points").GetDecimal()));

        // Annex 2.1: 1 on time, 1 late and 1 still open past its due date: 1 of 3 processed on time or within the deadline.
        var onTime = components["ProcessedOnTime"];
        (onTime.GetProperty("part").GetInt32(), onTime.GetProperty("whole").GetInt32()).ShouldBe((1, 3));
        onTime.GetProperty("points").GetDecimal().ShouldBe(6.67m);
        onTime.GetProperty("explanation").GetString().ShouldBe("20,00 điểm × tỷ lệ 33,3% ÷ mục tiêu 100,0% (tối đa 20,00) = 6,67");

        components["DossiersOnline"].GetProperty("whole").GetInt32().ShouldBe(3);
        // The unit provides the marital-status procedure, online in full and with every part listed: full marks for 1.3 and 3.1.
        (components["ProceduresOnline"].GetProperty("part").GetInt32(), components["ProceduresOnline"].GetProperty("points").GetDecimal()).ShouldBe((1, 6m));
        components["ProceduresComplete"].GetProperty("points").GetDecimal().ShouldBe(5m);
        // The feedback module measures 5.3 now; no petition was first received at this unit in the period: nothing to measure, 0 points.
        var feedback = components["FeedbackSatisfaction"];
        feedback.GetProperty("status").GetString().ShouldBe("NothingToMeasure");
        feedback.GetProperty("points").GetDecimal().ShouldBe(0m);
        (feedback.GetProperty("part").GetInt32(), feedback.GetProperty("whole").GetInt32()).ShouldBe((0, 0));

        var page = await (await desk.GetAsync($"/backoffice/bao-cao/chi-so-766?unitCode={unit}&{Period}")).Content.ReadAsStringAsync();
        page.ShouldContain("6,67/20,00");
        page.ShouldContain("Tiến độ, kết quả giải quyết");
        page.ShouldContain("1/3 (đúng hạn, trong hạn / đã và đang giải quyết)");
        // Every input is fed from data now (5.3 last, by the feedback module): the page lists no input without data. Publication decisions
        // (1.1, 1.2) come from the catalog, data reuse (4.3) from the citizen identity module. No decision announced a procedure of this
        // unit in the period: nothing to measure.
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page).QuerySelector("p.no-data").ShouldBeNull();
        components["ProceduresPublishedOnTime"].GetProperty("status").GetString().ShouldBe("NothingToMeasure");
    }

    [Fact]
    public void The_shipped_configuration_follows_the_annex_groups_and_the_portal_thresholds()
    {
        var options = app.Services.GetRequiredService<IOptions<Decision766Options>>().Value;
        options.Groups.Select(g => (g.Key, g.Max)).ShouldBe([("Disclosure", 18m), ("Progress", 20m), ("OnlineServices", 12m), ("OnlinePayment", 10m),
            ("Satisfaction", 18m), ("Digitisation", 22m)]);
        var components = options.Groups.SelectMany(g => g.Components).ToDictionary(c => c.Key);
        options.Groups.Single(g => g.Key == "Progress").Components.Single().Input.ShouldBe(Decision766Input.OnTimeRate);
        (components["ProceduresOnline"].Target, components["DossiersOnline"].Target, components["ProceduresWithOnlinePayment"].Target,
            components["DigitisedDossiers"].Target, components["DigitisedDataReused"].Target, components["DossierSatisfaction"].Target)
            .ShouldBe((0.8m, 0.5m, 0.8m, 0.8m, 0.8m, 0.9m));
        (components["DossierSatisfaction"].Max, components["ProcessedOnTime"].Max).ShouldBe((6m, 20m));
        components.Values.ShouldAllBe(c => c.Rule == Decision766Rule.Proportional);
    }

    [Theory]
    // 10 dossiers: 1 resolved late, 1 open overdue, 2 with a petition or a "not satisfied" rating → 6 of 10.
    [InlineData(2, 6)]
    // More complaints than dossiers left: never below zero.
    [InlineData(20, 0)]
    public void Dossier_satisfaction_is_what_is_left_after_overdue_and_complained_dossiers(int complained, int satisfied)
    {
        var figures = new ReportFigures(0, 10, 0, 10, 0, 5, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0);
        GetDecision766.DossierSatisfaction(figures, new Ratio(complained, 10)).ShouldBe(new Ratio(satisfied, 10));
        GetDecision766.DossierSatisfaction(figures, null).ShouldBeNull();
    }

    [Fact]
    public async Task The_public_disclosure_page_shows_the_figures_to_anyone_without_personal_data_and_may_be_cached()
    {
        var (unit, desk) = await ArrangeAsync();
        var codes = await (await desk.GetAsync($"/api/v1/reports/dossiers?{Period}&unitCode={unit}&figure=ReceivedNew")).Content.ReadFromJsonAsync<JsonElement>();

        var response = await app.Anonymous().GetAsync($"/cong-khai/{unit}?nam=2026&thang=1");
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        (response.Headers.CacheControl!.Public, response.Headers.CacheControl.MaxAge).ShouldBe((true, TimeSpan.FromMinutes(5)));
        var signedIn = (await desk.GetAsync($"/cong-khai/{unit}?nam=2026&thang=1")).Headers.CacheControl!;
        (signedIn.Public, signedIn.Private).ShouldBe((false, true));
        html.ShouldContain("Tiếp nhận 3 hồ sơ (kể cả kỳ trước chuyển qua); đã giải quyết 2 (trước hạn và đúng hạn 1; trễ hạn 1); đang giải quyết trong hạn 0; quá hạn 1.");
        html.ShouldContain("50,0%");
        html.ShouldContain("Tháng 01/2026");
        html.ShouldNotContain("Nguyễn Thị Hằng");
        html.ShouldNotContain("0912345678");
        foreach (var dossier in codes.GetProperty("dossiers").EnumerateArray())
        {
            html.ShouldNotContain(dossier.GetProperty("code").GetString()!);
        }

        await (await app.Anonymous().GetAsync($"/cong-khai/{unit}?nam=2026&thang=13")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await app.Anonymous().GetAsync("/cong-khai/999.99.99.X99?nam=2026")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var listing = await (await app.Anonymous().GetAsync($"/don-vi/{unit}/thu-tuc")).Content.ReadAsStringAsync();
        listing.ShouldContain($"href=\"/cong-khai/{unit}\"");
    }

    [Fact]
    public async Task The_dashboard_draws_each_chart_as_an_accessible_svg_with_its_numbers_in_a_table_beside_it()
    {
        var (unit, desk) = await ArrangeAsync();

        var html = await (await desk.GetAsync($"/backoffice/bao-cao/bang-dieu-khien?unitCode={unit}&nam=2026")).Content.ReadAsStringAsync();
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        page.QuerySelectorAll("script").Length.ShouldBe(0);
        var charts = page.QuerySelectorAll("section.chart-card");
        charts.Length.ShouldBe(5);
        foreach (var chart in charts)
        {
            var svg = chart.QuerySelector("svg")!;
            svg.GetAttribute("role").ShouldBe("img");
            foreach (var id in svg.GetAttribute("aria-labelledby")!.Split(' '))
            {
                svg.QuerySelector("#" + id)!.TextContent.ShouldNotBeNullOrWhiteSpace();
            }

            chart.QuerySelector("table").ShouldNotBeNull();
        }

        string[] Row(int chart, string header) => charts[chart].QuerySelectorAll("tbody tr")
            .Single(r => r.QuerySelector("th")!.TextContent.Trim() == header).QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Row(0, "Tháng 01").ShouldBe(["2", "1", "1", "50,0%"]);
        Row(0, "Tháng 02").ShouldBe(["0", "0", "0", "—"]);
        Row(1, "Trực tiếp").ShouldBe(["3 (100,0%)"]);
        Row(1, "Trực tuyến").ShouldBe(["0 (0,0%)"]);
        charts[2].QuerySelectorAll("tbody tr").Single().QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ShouldBe(["1", "0"]);
        Row(3, "1.004873 — Thủ tục cấp Giấy xác nhận tình trạng hôn nhân").ShouldBe(["1", "2", "50,0%"]);
        charts[0].QuerySelectorAll("svg g").Length.ShouldBe(1);
        charts[0].QuerySelector("svg g title")!.TextContent.ShouldBe("Tháng 01: 50,0%");
    }

    [Fact]
    public async Task A_commune_sees_only_itself_and_a_supervisor_sees_its_subtree()
    {
        var district = await app.CreateUnitAsync("000.00.00.H50", UnitKind.District);
        var commune = await app.CreateUnitAsync(district);
        var neighbour = await app.CreateUnitAsync(district);
        var communeDesk = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, commune));
        var supervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, district));
        string[] urls =
        [
            "/api/v1/reports/summary.xlsx?" + Period + "&unitCode={0}",
            "/api/v1/reports/decision766?" + Period + "&unitCode={0}",
            "/backoffice/bao-cao/chi-so-766?" + Period + "&unitCode={0}",
            "/backoffice/bao-cao/bang-dieu-khien?nam=2026&unitCode={0}",
            "/api/v1/reports/ledger.xlsx?" + Period + "&unitCode={0}",
            "/backoffice/bao-cao/so-theo-doi?" + Period + "&unitCode={0}",
        ];
        foreach (var url in urls.Select(u => u.Replace("{0}", "", StringComparison.Ordinal)))
        {
            (await communeDesk.GetAsync(url + commune)).StatusCode.ShouldBe(HttpStatusCode.OK, url);
            (await communeDesk.GetAsync(url + neighbour)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
            (await communeDesk.GetAsync(url + district)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
            (await supervisor.GetAsync(url + commune)).StatusCode.ShouldBe(HttpStatusCode.OK, url);
            (await supervisor.GetAsync(url + district)).StatusCode.ShouldBe(HttpStatusCode.OK, url);
            (await supervisor.GetAsync(url + "000.00.00.H50")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
        }

        await (await communeDesk.GetAsync($"/api/v1/reports/summary.xlsx?{Period}&unitCode={neighbour}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await communeDesk.GetAsync($"/api/v1/reports/summary.xlsx?from=2026-01-09&to=2026-01-05&unitCode={commune}"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await communeDesk.GetAsync($"/api/v1/reports/decision766?from=2026-01-05&unitCode={commune}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await communeDesk.GetAsync($"/api/v1/reports/summary.xlsx?{Period}&unitCode={commune}&rowsBy=Office")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await supervisor.GetAsync($"/api/v1/reports/summary.xlsx?{Period}&unitCode={district}&rowsBy=Procedure")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<(string Unit, HttpClient Desk)> ArrangeAsync()
    {
        var (unit, desk, _, specialist, leader) = await _flow.ArrangeAsync();
        try
        {
            foreach (var decidedAt in new[] { Vn(8, 16), Vn(9, 8) })
            {
                var code = await _flow.ReceiveAsync(desk, Vn(5, 9));
                var started = await _flow.ActAsync(desk, code, "start", Vn(5, 9, 30), new { version = 1 });
                var atLeader = await _flow.ActAsync(specialist, code, "forward", decidedAt.AddMinutes(-30), new { version = Version(started) });
                var signed = await ResultsApiTests.AttachAsync(leader, code, Version(atLeader));
                await _flow.ActAsync(leader, code, "forward", decidedAt, new { version = signed });
            }

            await _flow.ReceiveAsync(desk, Vn(5, 9));
        }
        finally
        {
            app.Clock.Reset();
        }

        return (unit, desk);
    }
}
