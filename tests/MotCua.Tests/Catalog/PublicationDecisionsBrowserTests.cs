using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Catalog;

[Collection(BrowserCollection.Name)]
public sealed class PublicationDecisionsBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task A_provincial_administrator_records_a_decision_then_its_publicising_day_on_the_register_page()
    {
        var page = await host.NewPageAsync();
        var admin = await host.CreateStaffAsync(StaffRole.UnitAdmin, "000.00.00.H50");
        await BrowserHost.SignInAsync(page, admin, DemoSeeder.StaffPassword);
        await page.WaitForPathAsync("**/backoffice");
        await page.OpenAsync("/backoffice/catalog");
        await page.GetByRole(AriaRole.Link, new() { Name = "Quyết định công bố danh mục thủ tục hành chính" }).ClickAsync();
        // The demo's decisions are listed, judged on the working calendar.
        (await page.Locator("tr[data-number='1456/QĐ-UBND'] td.issue").InnerTextAsync()).ShouldBe("Muộn (hạn 03/06/2025)");

        var number = $"{Random.Shared.Next(100, 999)}/QĐ-UBND-{Guid.NewGuid().ToString("N")[..6]}";
        var form = page.Locator("form#record");
        await form.GetByLabel("Số quyết định").FillAsync(number);
        await form.GetByLabel("Trích yếu").FillAsync("Công bố danh mục thủ tục hành chính lĩnh vực hộ tịch");
        await form.GetByLabel("Ngày ký").FillAsync("2026-10-05");
        await form.GetByLabel("Ngày văn bản quy phạm pháp luật có hiệu lực").FillAsync("2026-11-02");
        await form.GetByLabel("Mã TTHC được công bố").FillAsync("1.004873\n9.999999");
        await form.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận quyết định" }).ClickAsync();
        (await page.Locator("[role=alert]").InnerTextAsync()).ShouldContain("Mã TTHC không có trong danh mục: 9.999999.");

        await form.GetByLabel("Mã TTHC được công bố").FillAsync("1.004873, 1.001193");
        await form.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận quyết định" }).ClickAsync();
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldBe($"Đã ghi nhận quyết định {number}.");
        var row = page.Locator($"tr[data-number='{number}']");
        (await row.Locator("td.issue").InnerTextAsync()).ShouldBe("Đúng hạn (hạn 05/10/2026)");
        (await row.InnerTextAsync()).ShouldContain("1.001193, 1.004873");

        await row.GetByLabel("Ngày công khai trên CSDL quốc gia").FillAsync("2026-10-12");
        await row.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận ngày công khai" }).ClickAsync();
        (await page.Locator($"tr[data-number='{number}'] td.publicising").InnerTextAsync()).Trim().ShouldBe("12/10/2026 — Đúng hạn (hạn 12/10/2026)");
    }
}
