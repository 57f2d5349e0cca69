using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Dossiers;

[Collection(BrowserCollection.Name)]
public sealed class CounterBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task A_desk_officer_receives_at_the_counter_prints_the_slip_and_a_citizen_tracks_the_dossier()
    {
        var commune = await host.CreateUnitAsync("000.00.00.H50", name: "Xã Gio Thử Quầy");
        await host.ProvideAsync("1.004873", commune);
        var officer = await host.CreateStaffAsync(StaffRole.DeskOfficer, commune);

        var page = await host.NewPageAsync();
        await BrowserHost.SignInAsync(page, officer, DemoSeeder.StaffPassword);
        await page.OpenAsync("/backoffice/tiep-nhan");
        await page.GetByLabel("Thủ tục hành chính").SelectOptionAsync("1.004873");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mở" }).ClickAsync();
        await page.GetByLabel("Họ tên / tên tổ chức").FillAsync("Lê Thị Thu Hà");
        await page.GetByLabel("Số giấy tờ", new() { Exact = true }).First.FillAsync("045190007788");
        await page.GetByLabel("Địa chỉ").FillAsync("Thôn Mai Xá, xã Gio Linh, tỉnh Quảng Trị");
        await page.GetByLabel("Số điện thoại").First.FillAsync("0905123456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận và in giấy hẹn (mẫu 01)" }).ClickAsync();

        await page.WaitForPathAsync("**/phieu/tiep-nhan");
        var slip = await page.Locator("article.slip").InnerTextAsync();
        slip.ShouldContain("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
        slip.ShouldContain("Lê Thị Thu Hà");
        slip.ShouldContain("Xã Gio Thử Quầy".ToUpper(System.Globalization.CultureInfo.GetCultureInfo("vi-VN")));
        (await page.Locator("article.slip img").GetAttributeAsync("src"))!.ShouldStartWith("data:image/png;base64,");
        var code = (await page.Locator(".slip-subtitle").InnerTextAsync()).Replace("Mã hồ sơ: ", "", StringComparison.Ordinal).Trim();
        code.ShouldStartWith(commune + "-");

        // The QR code sits beside the title, never over it, on a wide screen and on a phone.
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            var title = (await page.Locator(".slip-title").BoundingBoxAsync())!;
            var qr = (await page.Locator(".slip-qr").BoundingBoxAsync())!;
            var overlap = title.X < qr.X + qr.Width && qr.X < title.X + title.Width && title.Y < qr.Y + qr.Height && qr.Y < title.Y + title.Height;
            overlap.ShouldBeFalse($"at {width} px the QR code ({qr.X}, {qr.Y}, {qr.Width} × {qr.Height}) covers the title ({title.X}, {title.Y}, {title.Width} × {title.Height})");
        }

        var citizen = await host.NewPageAsync();
        await citizen.OpenAsync($"/tra-cuu?ma={code}");
        (await citizen.GetByLabel("Mã hồ sơ").InputValueAsync()).ShouldBe(code);
        await citizen.GetByLabel("Mã kiểm tra").FillAsync("3456");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync();
        (await citizen.Locator("[data-state]").InnerTextAsync()).ShouldBe("Đã tiếp nhận");
        // The check value never travels in the address.
        new Uri(citizen.Url).PathAndQuery.ShouldNotContain("3456");
    }
}
