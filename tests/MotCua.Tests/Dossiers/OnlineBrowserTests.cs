using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Dossiers;

[Collection(BrowserCollection.Name)]
public sealed partial class OnlineBrowserTests(BrowserHost host)
{
    private const string MaritalStatus = "1.004873";

    [Fact]
    public async Task A_citizen_submits_online_a_desk_officer_receives_it_and_the_citizen_sees_the_code_in_my_dossiers()
    {
        var unit = await host.CreateUnitAsync("000.00.00.H50", name: "Xã Trực Tuyến");
        await host.ProvideAsync(MaritalStatus, unit);
        var officer = await host.CreateStaffAsync(StaffRole.DeskOfficer, unit);

        var citizen = await host.NewPageAsync();
        await BrowserHost.SignInAsync(citizen, "0912345678", DemoSeeder.CitizenPassword);
        await citizen.OpenAsync($"/thu-tuc/{MaritalStatus}");
        await citizen.GetByRole(AriaRole.Link, new() { Name = "Nộp hồ sơ trực tuyến" }).ClickAsync();
        await citizen.WaitForPathAsync($"**/nop-ho-so/{MaritalStatus}");
        (await citizen.GetByLabel("Họ và tên").InputValueAsync()).ShouldBe("Nguyễn Văn An");
        (await citizen.GetByLabel("Số điện thoại").InputValueAsync()).ShouldBe("0912345678");
        await citizen.GetByLabel("Đơn vị có thẩm quyền giải quyết").SelectOptionAsync(unit);
        await citizen.GetByLabel("Số giấy tờ tùy thân").FillAsync("045190001111");
        await citizen.GetByLabel("Địa chỉ").FillAsync("Thôn Hà Thượng, xã Gio Linh, tỉnh Quảng Trị");
        await citizen.GetByLabel("Trích yếu nội dung yêu cầu").FillAsync("Xác nhận tình trạng hôn nhân để đăng ký kết hôn");
        await citizen.Locator("#component-0").SetInputFilesAsync(new FilePayload
        {
            Name = "tờ khai.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray(),
        });
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ", Exact = true }).ClickAsync();
        await citizen.WaitForPathAsync("**/ho-so-cua-toi/*");
        (await citizen.Locator("[role=status]").InnerTextAsync()).ShouldContain("Hồ sơ đã được gửi");
        (await citizen.Locator("[data-state]").InnerTextAsync()).ShouldBe("Mới đăng ký");
        (await citizen.Locator("main").InnerTextAsync()).ShouldContain("tờ_khai.pdf");
        var id = DossierId().Match(citizen.Url).Groups[1].Value;

        var desk = await host.NewPageAsync();
        await BrowserHost.SignInAsync(desk, officer, DemoSeeder.StaffPassword);
        await desk.GetByRole(AriaRole.Link, new() { Name = "Hồ sơ trực tuyến" }).ClickAsync();
        await desk.WaitForPathAsync("**/backoffice/truc-tuyen");
        await desk.Locator($"tr[data-dossier='{id}']").GetByRole(AriaRole.Link, new() { Name = "Kiểm tra" }).ClickAsync();
        (await desk.Locator("main").InnerTextAsync()).ShouldContain("Nguyễn Văn An");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận hồ sơ" }).ClickAsync();
        var done = await desk.Locator("[data-done]").InnerTextAsync();
        done.ShouldStartWith("Đã tiếp nhận hồ sơ " + unit + "-");
        var code = (await desk.Locator("[data-code]").InnerTextAsync()).Trim();
        code.ShouldStartWith(unit + "-");
        await desk.GetByRole(AriaRole.Link, new() { Name = "In phiếu" }).ClickAsync();
        await desk.WaitForPathAsync($"**/backoffice/ho-so/{id}/phieu/tiep-nhan");
        (await desk.ContentAsync()).ShouldContain(code);

        await citizen.GetByRole(AriaRole.Link, new() { Name = "Hồ sơ của tôi" }).First.ClickAsync();
        await citizen.WaitForPathAsync("**/ho-so-cua-toi");
        var row = citizen.Locator($"tr[data-dossier='{id}']");
        (await row.Locator("[data-code]").InnerTextAsync()).Trim().ShouldBe(code);
        (await row.Locator("[data-state]").InnerTextAsync()).ShouldBe("Đã tiếp nhận");
    }

    [Fact]
    public async Task A_dossier_sent_back_by_the_desk_is_completed_by_the_citizen_on_the_page_and_then_received()
    {
        var unit = await host.CreateUnitAsync("000.00.00.H50", name: "Xã Bổ Sung");
        await host.ProvideAsync(MaritalStatus, unit);
        var officer = await host.CreateStaffAsync(StaffRole.DeskOfficer, unit);

        var citizen = await host.NewPageAsync();
        await BrowserHost.SignInAsync(citizen, "0912345678", DemoSeeder.CitizenPassword);
        await citizen.OpenAsync($"/nop-ho-so/{MaritalStatus}");
        await citizen.GetByLabel("Đơn vị có thẩm quyền giải quyết").SelectOptionAsync(unit);
        await citizen.GetByLabel("Số giấy tờ tùy thân").FillAsync("0451900011");
        await citizen.GetByLabel("Địa chỉ").FillAsync("Thôn Hà Thượng, xã Gio Linh");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ", Exact = true }).ClickAsync();
        (await citizen.Locator("[role=alert]").InnerTextAsync()).ShouldContain("Số định danh cá nhân phải gồm đúng 12 chữ số.");
        await citizen.GetByLabel("Số giấy tờ tùy thân").FillAsync("045190001111");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ", Exact = true }).ClickAsync();
        await citizen.WaitForPathAsync("**/ho-so-cua-toi/*");
        var id = DossierId().Match(citizen.Url).Groups[1].Value;

        var desk = await host.NewPageAsync();
        await BrowserHost.SignInAsync(desk, officer, DemoSeeder.StaffPassword);
        await desk.OpenAsync($"/backoffice/truc-tuyen/{id}");
        await desk.GetByLabel("Lý do (gửi cho công dân)").FillAsync("Chưa có bản chụp tờ khai có chữ ký");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Yêu cầu bổ sung, hoàn thiện" }).ClickAsync();
        (await desk.Locator("[data-done]").InnerTextAsync()).ShouldContain("Đã gửi yêu cầu bổ sung");

        await citizen.ReloadPageAsync();
        (await citizen.Locator("[data-state]").InnerTextAsync()).ShouldBe("Chờ công dân bổ sung trước khi tiếp nhận");
        (await citizen.Locator("[data-reason]").InnerTextAsync()).ShouldBe("Chưa có bản chụp tờ khai có chữ ký");
        await citizen.Locator("#component-0").SetInputFilesAsync(new FilePayload { Name = "to-khai.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Gửi bổ sung" }).ClickAsync();
        (await citizen.Locator("[role=status]").InnerTextAsync()).ShouldContain("Đã gửi bổ sung");
        (await citizen.Locator("[data-state]").InnerTextAsync()).ShouldBe("Mới đăng ký");

        await desk.OpenAsync($"/backoffice/truc-tuyen/{id}");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận hồ sơ" }).ClickAsync();
        (await desk.Locator("[data-done]").InnerTextAsync()).ShouldStartWith("Đã tiếp nhận hồ sơ " + unit + "-");
        (await desk.Locator("main").InnerTextAsync()).ShouldContain("to-khai.pdf");
    }

    [GeneratedRegex(@"/ho-so-cua-toi/([0-9a-f\-]{36})")]
    private static partial Regex DossierId();
}
