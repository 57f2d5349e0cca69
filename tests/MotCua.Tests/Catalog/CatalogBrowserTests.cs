using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Demo;
using Shouldly;

namespace MotCua.Tests.Catalog;

[Collection(BrowserCollection.Name)]
public sealed class CatalogBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task An_administrator_amends_a_procedure_and_publishes_the_new_version()
    {
        var page = await host.NewPageAsync();
        // A fresh account: an authenticator code is accepted once per account, and other tests sign in as sysadmin.
        var admin = await host.CreateStaffAsync(MotCua.Web.Identity.StaffRole.SystemAdmin, "000.00.00.H50");
        await BrowserHost.SignInAsync(page, admin, DemoSeeder.StaffPassword);
        await page.WaitForPathAsync("**/backoffice");

        await page.OpenAsync("/backoffice/catalog?q=dang+ky+khai+tu");
        await page.GetByRole(AriaRole.Link, new() { Name = "1.000656", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sửa đổi, bổ sung" }).ClickAsync();
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("Đã tạo bản nháp sửa đổi");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sửa bản nháp" }).ClickAsync();
        await page.GetByLabel("Số lượng 1", new() { Exact = true }).FillAsync("2");
        await page.GetByLabel("Tên giấy tờ 4", new() { Exact = true }).FillAsync("Giấy báo tử (bản sao)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu bản nháp" }).ClickAsync();
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("Đã lưu bản nháp");

        await page.OpenAsync("/backoffice/catalog/1.000656");
        await page.GetByLabel("Có hiệu lực từ ngày").FillAsync("2025-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Công bố" }).ClickAsync();
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("Đã công bố");
        var rows = await page.Locator("section").First.Locator("tbody tr").AllInnerTextsAsync();
        rows[0].ShouldContain("Đang hiệu lực");
        rows[1].ShouldContain("Đã thay thế");
        rows[1].ShouldContain("01/01/2021 – 31/12/2024");

        await page.OpenAsync("/thu-tuc/1.000656");
        var main = await page.Locator("main").InnerTextAsync();
        main.ShouldContain("2 ngày làm việc");
        main.ShouldContain("Giấy báo tử (bản sao)");

        await page.OpenAsync("/backoffice/catalog/1.000656/processes/000.00.71.H50");
        (await page.Locator("h1").InnerTextAsync()).ShouldContain("UBND xã Gio Linh");
        await page.GetByLabel("Số giờ 2", new() { Exact = true }).FillAsync("3.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("Đã lưu quy trình nội bộ");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Tổng thời gian các bước: 7,5 giờ");
    }
}
