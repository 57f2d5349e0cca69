using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Calendar;

/// <summary>The back-office calendar pages as an officer sees them (server-rendered HTML).</summary>
[Collection(AppCollection.Name)]
public sealed class CalendarPagesTests(MotCuaFactory app)
{
    private const string Province = "000.00.00.H50";

    [Fact]
    public async Task The_due_date_calculator_shows_the_due_date_and_the_skipped_Tet_days_by_name()
    {
        var desk = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, await app.CreateUnitAsync(Province)));
        var page = await HtmlAsync(desk, "/backoffice/calendar/due?start=2026-02-13T16%3A30&amount=15&unit=WorkingDays");

        page.QuerySelector("#due-value")!.TextContent.ShouldBe("Thứ Sáu, 13/03/2026 lúc 16:30");
        var rows = page.QuerySelectorAll("table.cal-skipped tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        rows.Select(r => r[0]).ShouldBe(["16/02/2026", "17/02/2026", "18/02/2026", "19/02/2026", "20/02/2026"]);
        rows.ShouldAllBe(r => r[2] == "Tết Nguyên đán" && r[3] == "Nghỉ lễ, Tết");
        page.QuerySelector(".cal-result")!.TextContent.ShouldContain("Bắt đầu tính thời hạn từ: 16:30 13/02/2026");
    }

    [Fact]
    public async Task The_due_date_calculator_explains_bad_input_next_to_the_field()
    {
        var desk = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, await app.CreateUnitAsync(Province)));
        var page = await HtmlAsync(desk, "/backoffice/calendar/due?start=2026-02-30T08%3A00&amount=-3&unit=WorkingDays");
        page.QuerySelector("#Start-error")!.TextContent.ShouldContain("Thời điểm không hợp lệ");
        page.QuerySelector("#Amount-error")!.TextContent.ShouldContain("từ 0 đến");
        page.QuerySelector(".cal-result").ShouldBeNull();
    }

    [Fact]
    public async Task The_year_page_shows_twelve_months_and_the_named_days_and_hides_edits_from_officers()
    {
        var desk = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, await app.CreateUnitAsync(Province)));
        var page = await HtmlAsync(desk, "/backoffice/calendar/2026");

        page.QuerySelectorAll("table.cal-month").Length.ShouldBe(12);
        page.QuerySelector("td.cal-off[title^='Tết Nguyên đán']").ShouldNotBeNull();
        page.QuerySelector("td.cal-work[title^='Làm việc bù']").ShouldNotBeNull();
        page.QuerySelector(".cal-status")!.TextContent.Trim().ShouldBe("Đã xác nhận");
        page.QuerySelector("table.cal-days")!.TextContent.ShouldContain("Tết Nguyên đán");
        page.QuerySelector("form[action*='handler=SaveDay']").ShouldBeNull();
    }

    [Fact]
    public async Task An_administrator_adds_a_day_through_the_year_page()
    {
        var admin = await app.SignInAsync("sysadmin");
        var page = await HtmlAsync(admin, "/backoffice/calendar/2098");
        var form = (IHtmlFormElement)page.QuerySelector("form[action*='handler=SaveDay']")!;
        var token = ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value;

        var posted = await admin.PostAsync(form.Action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Date"] = "2098-06-03",
            ["Kind"] = "swap-off",
            ["Name"] = "Nghỉ hoán đổi nhập trên trang",
            ["Source"] = "Thông báo thử nghiệm trên trang",
        }));
        var body = await posted.Content.ReadAsStringAsync();
        posted.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var result = await new HtmlParser().ParseDocumentAsync(body);
        result.QuerySelector("[role=status]")!.TextContent.ShouldBe("Đã lưu.");
        result.QuerySelector("table.cal-days")!.TextContent.ShouldContain("Nghỉ hoán đổi nhập trên trang");
        result.QuerySelector(".cal-status")!.TextContent.Trim().ShouldBe("Chưa xác nhận");
    }

    [Fact]
    public async Task The_calendar_pages_need_a_signed_in_officer()
    {
        var response = await app.Anonymous().GetAsync("/backoffice/calendar/due");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    private static async Task<IHtmlDocument> HtmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return await new HtmlParser().ParseDocumentAsync(body);
    }
}
