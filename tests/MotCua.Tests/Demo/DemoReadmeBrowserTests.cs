using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Demo;
using Shouldly;

namespace MotCua.Tests.Demo;

/// <summary>
/// A new user follows the README's demo on the day the tests run, with the demo accounts only: the desk officer of xã Gio
/// Linh receives a birth registration at the counter and starts it, the office's specialist attaches the result, the
/// commune's leader approves, the desk returns it, and the citizen tracks it by its code on /tra-cuu. The supervisor's
/// dashboard and Decision 766 page show the generated history's figures (the full history, loaded by the fixture).
/// </summary>
[Collection(DemoHistoryCollection.Name)]
public sealed class DemoReadmeBrowserTests(DemoHistoryHost host)
{
    private const string BirthRegistration = "1.001193";

    [Fact]
    public async Task The_README_demo_receives_processes_returns_and_tracks_a_dossier_and_the_dashboards_are_populated()
    {
        var desk = await host.NewPageAsync();
        await BrowserHost.SignInAsync(desk, "xagiolinh.motcua", DemoSeeder.StaffPassword);
        await desk.OpenAsync("/backoffice/tiep-nhan");
        await desk.GetByLabel("Thủ tục hành chính").SelectOptionAsync(BirthRegistration);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Mở" }).ClickAsync();
        await desk.GetByLabel("Họ tên / tên tổ chức").FillAsync("Lê Văn Bình");
        await desk.GetByLabel("Số giấy tờ", new() { Exact = true }).First.FillAsync("045090001234");
        await desk.GetByLabel("Địa chỉ").FillAsync("Thôn Hà Thanh, xã Gio Linh, tỉnh Quảng Trị");
        await desk.GetByLabel("Số điện thoại").First.FillAsync("0912887766");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận và in giấy hẹn (mẫu 01)" }).ClickAsync();
        await desk.WaitForPathAsync("**/phieu/tiep-nhan");
        var code = (await desk.Locator(".slip-subtitle").InnerTextAsync()).Replace("Mã hồ sơ: ", "", StringComparison.Ordinal).Trim();
        code.ShouldContain("000.00.71.H50");
        var workspace = new Uri(desk.Url).AbsolutePath.Replace("/phieu/tiep-nhan", "", StringComparison.Ordinal);

        // The commune's internal process: the desk, the specialist of the office, the commune's leader, the desk.
        await desk.OpenAsync(workspace);
        await desk.Locator("[data-action=start]").ClickAsync();
        (await desk.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Đã chuyển hồ sơ sang bước xử lý đầu tiên.");
        await ForwardAsync(desk, "xagiolinh.chuyenvien");

        var specialist = await host.NewPageAsync();
        await BrowserHost.SignInAsync(specialist, "xagiolinh.chuyenvien", DemoSeeder.StaffPassword);
        await specialist.OpenAsync("/backoffice/ho-so?box=cua-toi");
        await specialist.GetByRole(AriaRole.Link, new() { Name = code }).ClickAsync();
        await specialist.Locator("input[name=files]").SetInputFilesAsync(new FilePayload
        {
            Name = "giay-khai-sinh.pdf",
            MimeType = "application/pdf",
            Buffer = Workflow.ResultsApiTests.Pdf,
        });
        await specialist.Locator("[data-action=results]").ClickAsync();
        (await specialist.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Đã đính kèm kết quả.");
        await ForwardAsync(specialist, "xagiolinh.lanhdao");
        // The office's specialist no longer holds it: her inbox confirms the step.
        new Uri(specialist.Url).AbsolutePath.ShouldBe("/backoffice/ho-so");

        var leader = await host.NewPageAsync();
        await BrowserHost.SignInAsync(leader, "xagiolinh.lanhdao", DemoSeeder.StaffPassword);
        await leader.OpenAsync("/backoffice/ho-so?box=cua-toi");
        await leader.GetByRole(AriaRole.Link, new() { Name = code }).ClickAsync();
        await ForwardAsync(leader, "xagiolinh.motcua");

        await desk.OpenAsync(workspace);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt, chuyển kết quả về Bộ phận Một cửa" }).ClickAsync();
        (await desk.Locator("[data-state]").GetAttributeAsync("data-state")).ShouldBe("9");
        await desk.GetByLabel("Hình thức trả kết quả").SelectOptionAsync("Counter");
        await desk.Locator("[data-action=return]").ClickAsync();
        (await desk.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Đã trả kết quả.");
        (await desk.Locator("[data-state]").GetAttributeAsync("data-state")).ShouldBe("10");

        var citizen = await host.NewPageAsync();
        await citizen.OpenAsync("/tra-cuu");
        await citizen.GetByLabel("Mã hồ sơ").FillAsync(code);
        await citizen.GetByLabel("Mã kiểm tra").FillAsync("7766");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync();
        (await citizen.Locator("[data-state]").InnerTextAsync()).ShouldBe("Đã trả kết quả");

        var supervisor = await host.NewPageAsync();
        await BrowserHost.SignInAsync(supervisor, "tinh.giamsat", DemoSeeder.StaffPassword);
        await supervisor.OpenAsync($"/backoffice/bao-cao/bang-dieu-khien?unitCode=000.00.00.H50&nam={DemoHistoryHost.Today.Year - 1}");
        var dashboard = await supervisor.Locator("main").InnerTextAsync();
        dashboard.ShouldNotContain("Chưa có hồ sơ trong kỳ.");
        var received = await supervisor.Locator("section[aria-labelledby=channels-h] tr", new() { HasText = "Tiếp nhận mới trong kỳ" }).Locator("td").InnerTextAsync();
        int.Parse(received.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(5_000);
    }

    /// <summary>Hands the dossier to the next step, to the named officer there.</summary>
    private static async Task ForwardAsync(IPage page, string assignee)
    {
        await page.Locator("select[name=assignee]").First.SelectOptionAsync(assignee);
        await page.Locator("[data-action=forward]").ClickAsync();
        // The page answers with a status, or with an alert that says why not.
        (await page.Locator("[role=status], [role=alert]").First.InnerTextAsync()).ShouldContain("Đã chuyển hồ sơ.");
    }
}
