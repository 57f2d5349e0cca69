using System.Net;
using AngleSharp.Html.Parser;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Foundation;

/// <summary>Error pages in the site's layout, the menu by role, and a clear refusal for a signed-in officer without the role.</summary>
[Collection(AppCollection.Name)]
public sealed class StatusPagesTests(MotCuaFactory app)
{
    [Fact]
    public async Task An_unknown_address_is_not_found_for_everyone_on_a_page_with_the_site_header_and_menu()
    {
        var anonymous = Html(app.Anonymous());
        var response = await anonymous.GetAsync("/khong-co-trang-nay");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector("h1")!.TextContent.ShouldBe("Không tìm thấy.");
        page.QuerySelector("header.topbar")!.ShouldNotBeNull();
        Menu(page).ShouldContain("/tra-cuu");

        (await app.Anonymous().GetAsync("/api/v1/khong-co")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Html(await app.SignInAsync("sysadmin")).GetAsync("/backoffice/khong-co")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A page that exists still asks to sign in first.
        (await anonymous.GetAsync("/backoffice")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_refused_request_for_a_person_gets_the_sign_in_message_in_the_site_layout()
    {
        var response = await Html(app.Anonymous()).GetAsync("/metrics");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var page = Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector("h1")!.TextContent.ShouldBe("Bạn cần đăng nhập.");
        Menu(page).ShouldContain("/account/login");
    }

    [Fact]
    public async Task A_desk_officer_sees_no_administration_entries_and_an_administration_page_refuses_her_without_asking_for_two_factors()
    {
        var unit = await app.CreateUnitAsync("000.00.00.H50");
        var desk = Html(await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, unit)));
        var admin = Html(await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, unit)));

        var deskMenu = Menu(Parse(await desk.GetStringAsync("/backoffice")));
        deskMenu.ShouldContain("/backoffice/tiep-nhan");
        deskMenu.ShouldNotContain("/backoffice/staff");
        deskMenu.ShouldNotContain("/backoffice/units");
        deskMenu.ShouldNotContain("/backoffice/catalog");
        var adminMenu = Menu(Parse(await admin.GetStringAsync("/backoffice")));
        adminMenu.ShouldContain("/backoffice/staff");
        adminMenu.ShouldContain("/backoffice/units");
        adminMenu.ShouldNotContain("/backoffice/tiep-nhan");
        Parse(await desk.GetStringAsync("/backoffice")).QuerySelector("header nav")!.TextContent.ShouldNotContain("Quản trị");

        var refused = await desk.GetAsync("/backoffice/staff");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var denied = await desk.GetAsync(refused.Headers.Location!);
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var page = Parse(await denied.Content.ReadAsStringAsync());
        page.QuerySelector("main")!.TextContent.ShouldContain("Tài khoản của bạn không có vai trò được phép mở trang này.");
        page.QuerySelector("main")!.TextContent.ShouldNotContain("hai lớp");
        page.QuerySelector("main a[href='/account/setup-authenticator']").ShouldBeNull();
    }

    [Fact]
    public async Task The_tracking_page_is_in_the_menu_and_takes_the_check_value_as_plain_text()
    {
        var page = Parse(await app.Anonymous().GetStringAsync("/tra-cuu"));
        Menu(page).ShouldContain("/tra-cuu");
        page.QuerySelector("input[name='Check']")!.GetAttribute("type").ShouldBe("text");
    }

    private static HttpClient Html(HttpClient client)
    {
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static List<string> Menu(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("header nav a").Select(a => a.GetAttribute("href") ?? "").ToList();
}
