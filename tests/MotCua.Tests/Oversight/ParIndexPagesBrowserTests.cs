using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Oversight;

/// <summary>The reform index pages in Chromium: the published ranking and a unit's lost points for everyone, the back office ranking for the
/// province's staff, numbers in the vi-VN style.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ParIndexPagesBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task Anyone_reads_the_published_ranking_and_follows_a_unit_to_the_points_it_lost_and_why()
    {
        var (id, province, weaker, stronger) = await ParIndexFixtures.PublishedAsync(host);
        var page = await host.NewPageAsync();

        await page.OpenAsync($"/chi-so-cchc?tinh={province}&nam=2025");
        (await page.Locator("#heading").InnerTextAsync()).ShouldBe("Chỉ số CCHC năm 2025 — UBND cấp xã");
        (await page.Locator("#ranking tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.unit)")).ShouldBe([stronger, weaker]);
        var weakerRow = page.Locator($"#ranking tr[data-unit='{weaker}']");
        (await weakerRow.Locator(".total").InnerTextAsync()).ShouldBe("54,78/100,00");
        (await weakerRow.Locator(".area").AllInnerTextsAsync()).ShouldBe(["22,50 (hạng 2)", "32,28 (hạng 2)"]);

        await weakerRow.GetByRole(AriaRole.Link, new() { Name = "UBND xã Hiệp Hòa" }).ClickAsync();
        await page.WaitForPathAsync($"**/chi-so-cchc/{id}/{weaker}");
        (await page.Locator("#summary").InnerTextAsync()).ShouldBe("Đạt 54,78/100,00 điểm, xếp thứ 2/2 UBND cấp xã.");
        var lost = await page.Locator("#lost-points li").AllInnerTextsAsync();
        lost.Count.ShouldBe(5);
        lost.ShouldContain("1.1. Tỷ lệ hồ sơ giải quyết đúng hạn — Bị trừ 20,00/20,00: Tỷ lệ hồ sơ giải quyết đúng hạn: chưa có số liệu trong năm.");
        lost.ShouldContain("1.3. Công khai thủ tục hành chính — Bị trừ 7,50/30,00: Thẩm định điều chỉnh từ 28,00 xuống 22,50 điểm: Niêm yết chưa đủ tại Bộ phận Một cửa");
        lost.ShouldContain("2.1. Chất lượng báo cáo — Bị trừ 2,00/10,00: Thẩm định: Báo cáo quý III nộp chậm");
    }

    [Fact]
    public async Task The_provinces_staff_see_the_ranking_in_the_back_office()
    {
        var (_, province, weaker, _) = await ParIndexFixtures.PublishedAsync(host);
        var page = await host.NewPageAsync();
        await BrowserHost.SignInAsync(page, await host.CreateStaffAsync(StaffRole.Supervisor, province), DemoSeeder.StaffPassword);

        await page.OpenAsync("/backoffice/giam-sat/chi-so-cchc?nam=2025");
        (await page.Locator("#state").InnerTextAsync()).ShouldStartWith("Đã công bố");
        var row = page.Locator($"#ranking tr[data-unit='{weaker}']");
        (await row.Locator("td").First.InnerTextAsync()).ShouldBe("2");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForPathAsync($"**/backoffice/giam-sat/chi-so-cchc/*/{weaker}");
        (await page.Locator("#criteria-table tr[data-criterion='2.2'] .points").InnerTextAsync()).ShouldBe("24,28");
    }
}
