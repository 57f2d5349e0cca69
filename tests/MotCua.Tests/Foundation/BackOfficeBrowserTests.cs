using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Demo;
using Shouldly;

namespace MotCua.Tests.Foundation;

[Collection(BrowserCollection.Name)]
public sealed class BackOfficeBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task The_demo_administrator_signs_in_with_two_factors_and_browses_the_unit_tree()
    {
        var page = await host.NewPageAsync();
        await BrowserHost.SignInAsync(page, "sysadmin", DemoSeeder.StaffPassword);

        await page.WaitForPathAsync("**/backoffice");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Xin chào, Quản trị hệ thống");

        await page.GetByRole(AriaRole.Link, new() { Name = "Xem cây đơn vị" }).ClickAsync();
        await page.GetByLabel("Gồm cả đơn vị đã giải thể, sáp nhập").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "UBND huyện Gio Linh", Exact = true }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldContain("UBND huyện Gio Linh");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("30/06/2025");
    }
}
