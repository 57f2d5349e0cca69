using System.Net;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Workflow;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;

namespace MotCua.Tests.Reporting.Outputs;

/// <summary>
/// The tracking ledger (Sổ theo dõi hồ sơ) of a desk over HTTP, as a workbook and as a printable page, from dossiers
/// received through the app in January 2026 (form 07 of Circular 03/2025). Xác nhận tình trạng hôn nhân: 3 working days.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TrackingLedgerTests(MotCuaFactory app)
{
    private static DateTimeOffset Vn(int day, int hour, int minute = 0) => WorkflowApiTests.Vn(day, hour, minute);

    [Fact]
    public async Task The_ledger_workbook_holds_one_line_per_received_dossier_with_real_dates_in_the_official_columns()
    {
        var flow = new WorkflowApiTests(app);
        var (unit, desk, _, specialist, leader) = await flow.ArrangeAsync();
        try
        {
            var first = await flow.ReceiveAsync(desk, Vn(5, 9));
            var started = await flow.ActAsync(desk, first, "start", Vn(5, 9, 30), new { version = 1 });
            var atLeader = await flow.ActAsync(specialist, first, "forward", Vn(6, 10), new { version = WorkflowApiTests.Version(started) });
            var signed = await ResultsApiTests.AttachAsync(leader, first, WorkflowApiTests.Version(atLeader));
            var processed = await flow.ActAsync(leader, first, "forward", Vn(9, 15), new { version = signed });
            await flow.ActAsync(desk, first, "return", Vn(9, 16), new { version = WorkflowApiTests.Version(processed) });
            var second = await flow.ReceiveAsync(desk, Vn(6, 14));
            app.Clock.Reset();

            var response = await desk.GetAsync($"/api/v1/reports/ledger.xlsx?unitCode={unit}&from=2026-01-01&to=2026-01-31");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            using var book = new Workbook(await response.Content.ReadAsByteArrayAsync());

            book.SchemaErrors.ShouldBeEmpty();
            book.SheetNames.ShouldBe(["Mẫu 07 (TT 03-2025)"]);
            book.Text(0, "A1").ShouldStartWith("Mẫu số 07");
            book.Text(0, "A3").ShouldBe("SỔ THEO DÕI HỒ SƠ");
            book.Text(0, "A4").ShouldBe("Từ ngày 01/01/2026 đến ngày 31/01/2026");
            book.Text(0, "B6").ShouldBe("Mã hồ sơ");
            book.Text(0, "N7").ShouldBe("(14)");

            book.Number(0, "A8").ShouldBe(1);
            book.Text(0, "B8").ShouldBe(first);
            book.Text(0, "C8").ShouldBe("Thủ tục cấp Giấy xác nhận tình trạng hôn nhân");
            book.Number(0, "D8").ShouldBe(1);
            book.Text(0, "E8").ShouldBe("Nguyễn Thị Hằng");
            // A list of many people: the phone is masked (Privacy/Mask).
            book.Text(0, "F8").ShouldBe("Thôn Hà Thượng, xã Gio Linh, tỉnh Quảng Trị; 091•••••78");
            book.Date(0, "H8").ShouldBe(new DateTime(2026, 1, 5, 9, 0, 0));
            book.Format(0, "H8").ShouldBe(@"dd\/mm\/yyyy\ hh\:mm");
            book.Date(0, "I8").ShouldBe(new DateTime(2026, 1, 8, 9, 0, 0));
            book.Date(0, "J8").ShouldBe(new DateTime(2026, 1, 5, 9, 30, 0));
            book.Date(0, "K8").ShouldBe(new DateTime(2026, 1, 9, 15, 0, 0));
            book.Date(0, "L8").ShouldBe(new DateTime(2026, 1, 9, 16, 0, 0));
            book.Text(0, "M8").ShouldBe("");
            book.Text(0, "N8").ShouldBe("Trễ hạn");

            book.Number(0, "A9").ShouldBe(2);
            book.Text(0, "B9").ShouldBe(second);
            book.Date(0, "I9").ShouldBe(new DateTime(2026, 1, 9, 14, 0, 0));
            book.Text(0, "J9").ShouldBe("");
            book.RowCount(0).ShouldBe(9);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_period_across_1_July_2025_gives_form_06_and_form_07_and_the_printable_page_shows_both()
    {
        var flow = new WorkflowApiTests(app);
        var (unit, desk, _, _, _) = await flow.ArrangeAsync();
        var code = await flow.ReceiveAsync(desk, Vn(12, 8, 15));
        app.Clock.Reset();

        var response = await desk.GetAsync($"/api/v1/reports/ledger.xlsx?unitCode={unit}&from=2025-06-01&to=2026-01-31");
        using var book = new Workbook(await response.Content.ReadAsByteArrayAsync());
        book.SheetNames.ShouldBe(["Mẫu 06 (TT 01-2018)", "Mẫu 07 (TT 03-2025)"]);
        book.Text(0, "A4").ShouldBe("Từ ngày 01/06/2025 đến ngày 30/06/2025");
        book.RowCount(0).ShouldBe(7);
        book.Text(1, "A4").ShouldBe("Từ ngày 01/07/2025 đến ngày 31/01/2026");
        book.Text(1, "B8").ShouldBe(code);

        var page = await (await desk.GetAsync($"/backoffice/bao-cao/so-theo-doi?unitCode={unit}&from=2025-06-01&to=2026-01-31")).Content.ReadAsStringAsync();
        page.ShouldContain("Mẫu số 06");
        page.ShouldContain("Mẫu số 07");
        page.ShouldContain(code);
        page.ShouldContain("12/01/2026 08:15");
    }

    [Fact]
    public async Task A_commune_reads_only_its_own_ledger_and_a_supervisor_reads_its_subtree()
    {
        var (unit, desk) = await app.DeskAsync();
        var (_, otherDesk) = await app.DeskAsync();
        var provinceSupervisor = await app.SignInAsync("tinh.giamsat");
        var elsewhere = await app.CreateUnitAsync("000.00.00.H50", UnitKind.District);
        var otherSupervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, elsewhere));
        var url = $"/api/v1/reports/ledger.xlsx?unitCode={unit}&from=2026-01-01&to=2026-01-31";

        (await desk.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await provinceSupervisor.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await otherDesk.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await otherSupervisor.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await app.Anonymous().GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("unitCode={0}&from=2026-02-01&to=2026-01-01", HttpStatusCode.BadRequest)]
    [InlineData("unitCode={0}&from=2025-01-01&to=2026-06-30", HttpStatusCode.BadRequest)]
    [InlineData("unitCode={0}&to=2026-01-31", HttpStatusCode.BadRequest)]
    [InlineData("unitCode={0}&from=2026-13-01&to=2026-01-31", HttpStatusCode.BadRequest)]
    [InlineData("unitCode=999.99.99.X99&from=2026-01-01&to=2026-01-31", HttpStatusCode.NotFound)]
    public async Task Bad_selections_get_a_problem_not_a_workbook(string query, HttpStatusCode status)
    {
        var (unit, desk) = await app.DeskAsync();
        await (await desk.GetAsync("/api/v1/reports/ledger.xlsx?" + string.Format(System.Globalization.CultureInfo.InvariantCulture, query, unit)))
            .ShouldBeProblemAsync(status);
    }
}
