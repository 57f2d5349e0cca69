using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Catalog;

[Collection(BrowserCollection.Name)]
public sealed class PortalBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task A_citizen_finds_marriage_registration_without_diacritics_and_downloads_its_form()
    {
        var page = await host.NewPageAsync();
        await page.OpenAsync("/");
        await page.Locator("#q").FillAsync("dang ky ket hon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tìm kiếm" }).ClickAsync();
        await page.WaitForPathAsync("**/thu-tuc?q=dang+ky+ket+hon");

        await page.GetByRole(AriaRole.Link, new() { Name = "Thủ tục đăng ký kết hôn", Exact = true }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Thủ tục đăng ký kết hôn");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Thành phần hồ sơ");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Tải mẫu") }).First.ClickAsync());
        download.SuggestedFilename.ShouldBe("To-khai-dang-ky-ket-hon.html");
        var path = await download.PathAsync();
        (await File.ReadAllTextAsync(path)).ShouldContain("Tờ khai đăng ký kết hôn");
    }
}
