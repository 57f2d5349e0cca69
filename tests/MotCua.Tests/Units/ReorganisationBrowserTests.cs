using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;

namespace MotCua.Tests.Units;

[Collection(BrowserCollection.Name)]
public sealed class ReorganisationBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task An_administrator_previews_a_district_split_then_applies_exactly_that()
    {
        const string province = "000.00.00.H50";
        var district = await host.CreateUnitAsync(province, UnitKind.District, "UBND huyện Thử Nghiệm");
        var department = await host.CreateUnitAsync(province, UnitKind.Office, "Sở Nông nghiệp và Môi trường");
        var commune = await host.CreateUnitAsync(province);
        await host.ProvideAsync("1.012784", district);
        await host.ProvideAsync("2.000528", district);
        await host.CreateStaffAsync(StaffRole.Specialist, district);
        var page = await host.NewPageAsync();
        await BrowserHost.SignInAsync(page, await host.CreateStaffAsync(StaffRole.UnitAdmin, province), DemoSeeder.StaffPassword);

        await page.OpenAsync($"/backoffice/units/{district}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tổ chức lại: chia, tách, sáp nhập" }).ClickAsync();
        await page.GetByLabel("Ngày hiệu lực").FillAsync("2025-07-01");
        await page.GetByLabel("Mã đơn vị kế thừa mặc định").FillAsync(commune);
        await page.GetByLabel("Mã lĩnh vực 1").FillAsync("DD");
        await page.GetByLabel("Mã đơn vị kế thừa 1").FillAsync(department);
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();

        (await page.Locator("#plan-summary").InnerTextAsync()).ShouldBe("Sẽ bàn giao 0 hồ sơ, 1 vai trò cán bộ, 2 thủ tục, 0 quy trình nội bộ.");
        (await page.Locator("#plan-providers tbody tr").AllInnerTextsAsync()).Select(r => r.Split('\t')[0] + ">" + r.Split('\t')[2].Trim())
            .ShouldBe([$"1.012784>{department}", $"2.000528>{commune}"]);
        host.WithDb(db => db.Units.Single(u => u.Code == district).ValidTo).ShouldBeNull();

        await page.GetByRole(AriaRole.Button, new() { Name = "Thực hiện tổ chức lại" }).ClickAsync();

        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).ShouldBe("Đã tổ chức lại: bàn giao 0 hồ sơ, 1 vai trò cán bộ, 2 thủ tục, 0 quy trình nội bộ.");
        host.WithDb(db => db.Units.Single(u => u.Code == district).ValidTo).ShouldBe(new DateOnly(2025, 6, 30));
        await page.OpenAsync($"/backoffice/units/{department}");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("UBND huyện Thử Nghiệm");
    }
}
