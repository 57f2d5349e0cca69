using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Reporting.Outputs;
using MotCua.Tests.Workflow;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;
using static MotCua.Tests.Workflow.WorkflowApiTests;

namespace MotCua.Tests.Reporting;

/// <summary>
/// The periodic report of form 06a (Circular 01/2020/TT-VPCP) for a district whose commune handled dossiers live in January
/// 2026 (3 working days; received Mon 05/01 09:00, due Thu 08/01 09:00): one decided on the due date, one the day after,
/// one still open at the end of Fri 09/01; a fourth received by post on Fri 09/01. Its figures must equal the summary API's.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PeriodicTthcReportTests(MotCuaFactory app)
{
    private const string MaritalStatus = "1.004873";
    private const string Period = "from=2026-01-05&to=2026-01-09";

    // The summary API's names of the figures behind each of the form's columns 3–13 ("+" adds two of them).
    private static readonly string[] Columns =
    [
        "carriedOver+receivedNew", "receivedOnline", "receivedCounter+receivedPostal", "carriedOver", "resolved", "resolvedEarly",
        "resolvedOnTime", "resolvedLate", "inProgressWithinDeadline+inProgressOverdue", "inProgressWithinDeadline", "inProgressOverdue",
    ];

    private static readonly string[] JsonNames =
    [
        "received", "receivedOnline", "receivedDirectOrPostal", "carriedOver", "resolved", "resolvedEarly", "resolvedOnTime", "resolvedLate",
        "inProgress", "inProgressWithinDeadline", "inProgressOverdue",
    ];

    private readonly WorkflowApiTests _flow = new(app);

    [Fact]
    public async Task The_workbook_and_the_json_hold_the_summary_figures_per_unit_and_per_field()
    {
        var (district, commune, supervisor) = await ArrangeAsync();

        var total = await PeriodFiguresApiTests.SummaryAsync(supervisor, district, "2026-01-05", "2026-01-09", "&rowsBy=Unit");
        var byDomain = await PeriodFiguresApiTests.SummaryAsync(supervisor, district, "2026-01-05", "2026-01-09", "&rowsBy=Domain");
        total.GetProperty("receivedNew").GetInt32().ShouldBe(4);
        total.GetProperty("receivedPostal").GetInt32().ShouldBe(1);
        total.GetProperty("resolvedOnTime").GetInt32().ShouldBe(1);
        total.GetProperty("resolvedLate").GetInt32().ShouldBe(1);
        total.GetProperty("inProgressOverdue").GetInt32().ShouldBe(1);
        total.GetProperty("inProgressWithinDeadline").GetInt32().ShouldBe(1);
        var unitRows = total.GetProperty("rows").EnumerateArray().ToList();
        unitRows.Select(r => r.GetProperty("key").GetString()).ShouldBe([commune]);
        var domainRows = byDomain.GetProperty("rows").EnumerateArray().ToList();
        domainRows.ShouldNotBeEmpty();

        var response = await supervisor.GetAsync($"/api/v1/reports/periodic-tthc.xlsx?{Period}&unitCode={district}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var book = new Workbook(await response.Content.ReadAsByteArrayAsync());
        book.SchemaErrors.ShouldBeEmpty();
        book.SheetNames.ShouldBe(["Theo đơn vị", "Theo lĩnh vực"]);
        book.Text(0, "A1").ShouldBe("Biểu số 06a/VPCP/KSTT (Thông tư số 01/2020/TT-VPCP)");
        book.Text(0, "A2").ShouldBe("BÁO CÁO ĐỊNH KỲ TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH");
        book.Text(0, "A3").ShouldBe(total.GetProperty("unitName").GetString());
        book.Text(0, "A4").ShouldBe("Từ ngày 05/01/2026 đến ngày 09/01/2026");
        book.Text(0, "C7").ShouldBe("Số hồ sơ nhận giải quyết");
        // The form's order: total, then online and direct or postal in the period, then carried over (column 6).
        book.Text(0, "D8").ShouldBe("Trong kỳ: trực tuyến");
        book.Text(0, "E8").ShouldBe("Trong kỳ: trực tiếp, dịch vụ bưu chính");
        book.Text(0, "F8").ShouldBe("Từ kỳ trước");
        book.Text(0, "M9").ShouldBe("(13)");
        AssertRows(book, 0, unitRows, total);
        AssertRows(book, 1, domainRows, byDomain);

        var json = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/reports/periodic-tthc?{Period}&unitCode={district}");
        json.GetProperty("form").GetString().ShouldBe("06a/VPCP/KSTT");
        json.GetProperty("unitCode").GetString().ShouldBe(district);
        json.GetProperty("from").GetString().ShouldBe("2026-01-05");
        AssertFigures(json.GetProperty("totals"), total);
        json.GetProperty("units").EnumerateArray().Select(r => r.GetProperty("key").GetString()).ShouldBe([commune]);
        AssertFigures(json.GetProperty("units")[0].GetProperty("figures"), unitRows[0].GetProperty("figures"));
        var domains = json.GetProperty("domains").EnumerateArray().ToList();
        domains.Count.ShouldBe(domainRows.Count);
        for (var i = 0; i < domains.Count; i++)
        {
            domains[i].GetProperty("key").GetString().ShouldBe(domainRows[i].GetProperty("key").GetString());
            AssertFigures(domains[i].GetProperty("figures"), domainRows[i].GetProperty("figures"));
        }
    }

    [Fact]
    public async Task A_bad_period_is_refused_in_vietnamese_and_a_commune_cannot_read_its_neighbour()
    {
        var district = await app.CreateUnitAsync("000.00.00.H50", UnitKind.District);
        var commune = await app.CreateUnitAsync(district);
        var neighbour = await app.CreateUnitAsync(district);
        var desk = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, commune));
        foreach (var path in new[] { "/api/v1/reports/periodic-tthc", "/api/v1/reports/periodic-tthc.xlsx" })
        {
            var reversed = await (await desk.GetAsync($"{path}?from=2026-01-09&to=2026-01-05&unitCode={commune}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            reversed.GetProperty("errors").GetProperty("to")[0].GetString().ShouldBe("Ngày cuối kỳ không được trước ngày đầu kỳ.");
            var missing = await (await desk.GetAsync($"{path}?from=2026-01-05&unitCode={commune}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            missing.GetProperty("errors").TryGetProperty("to", out _).ShouldBeTrue();
            await (await desk.GetAsync($"{path}?from=05/01/2026&to=2026-01-09&unitCode={commune}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            await (await desk.GetAsync($"{path}?{Period}&unitCode={neighbour}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            (await desk.GetAsync($"{path}?{Period}&unitCode={commune}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    /// <summary>Data rows from row 10, in the summary's order, then the totals; each cell equals the summary's figures.</summary>
    private static void AssertRows(Workbook book, int sheet, List<JsonElement> rows, JsonElement summary)
    {
        book.RowCount(sheet).ShouldBe(9 + rows.Count + 1);
        for (var i = 0; i < rows.Count; i++)
        {
            book.Text(sheet, $"B{10 + i}").ShouldBe(rows[i].GetProperty("name").GetString());
            AssertCells(book, sheet, 10 + i, rows[i].GetProperty("figures"));
        }

        book.Text(sheet, $"B{10 + rows.Count}").ShouldBe("Tổng cộng");
        AssertCells(book, sheet, 10 + rows.Count, summary);
    }

    private static void AssertCells(Workbook book, int sheet, int row, JsonElement figures)
    {
        for (var c = 0; c < Columns.Length; c++)
        {
            book.Number(sheet, MotCua.Web.Reporting.Outputs.Xlsx.Column(c + 2) + row).ShouldBe(Expected(figures, Columns[c]), Columns[c]);
        }
    }

    private static void AssertFigures(JsonElement actual, JsonElement summary)
    {
        for (var c = 0; c < Columns.Length; c++)
        {
            actual.GetProperty(JsonNames[c]).GetInt32().ShouldBe(Expected(summary, Columns[c]), JsonNames[c]);
        }
    }

    private static int Expected(JsonElement figures, string column) => column.Split('+').Sum(name => figures.GetProperty(name).GetInt32());

    /// <summary>A district with one commune that provides the marital-status procedure, its staff and its dated dossiers.</summary>
    private async Task<(string District, string Commune, HttpClient Supervisor)> ArrangeAsync()
    {
        var district = await app.CreateUnitAsync("000.00.00.H50", UnitKind.District);
        var commune = await app.CreateUnitAsync(district);
        await app.ProvideAsync(MaritalStatus, commune);
        var desk = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, commune));
        var specialist = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Specialist, commune));
        var leader = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Leader, commune));
        var supervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, district));
        _flow.DefineProcess(commune, _ =>
        [
            new MotCua.Web.Catalog.ProcessStep { Order = 1, Name = "Thẩm định hồ sơ", Role = StaffRole.Specialist, Hours = 16 },
            new MotCua.Web.Catalog.ProcessStep { Order = 2, Name = "Phê duyệt", Role = StaffRole.Leader, Hours = 4 },
        ]);
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
            app.Clock.SetNow(Vn(9, 9));
            var postal = await desk.PostAsJsonAsync("/api/v1/dossiers", Dossiers.IntakeApiTests.Body(MaritalStatus, channel: "Postal",
                postal: new { waybill = "EL555666777VN", deliveredAt = Vn(9, 8), returnByPost = false }));
            postal.StatusCode.ShouldBe(HttpStatusCode.Created, await postal.Content.ReadAsStringAsync());
        }
        finally
        {
            app.Clock.Reset();
        }

        return (district, commune, supervisor);
    }
}
