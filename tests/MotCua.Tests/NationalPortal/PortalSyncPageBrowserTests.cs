using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Ratings;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using MotCua.Web.Integration.Outbox;
using Shouldly;

namespace MotCua.Tests.NationalPortal;

[Collection(BrowserCollection.Name)]
public sealed class PortalSyncPageBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task An_administrator_finds_a_dossier_whose_sync_failed_and_re_sends_it_from_the_back_office()
    {
        var f = await new RatingFixtures(host).ArrangeAsync();
        var code = await f.ReceivedAsync();
        var id = host.WithDb(db => db.OutboxMessages.Single(m => m.Channel == NotificationChannel.Portal && m.Subject == code).Id);
        var failedAt = host.Clock.GetUtcNow().UtcDateTime;
        host.WithDb(db => db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdate(s => s.SetProperty(m => m.Attempts, 8).SetProperty(m => m.GaveUpAt, failedAt)
            .SetProperty(m => m.LastError, "HttpRequestException: Cổng DVCQG trả lời 503")));

        var page = await host.NewPageAsync();
        await BrowserHost.SignInAsync(page, await host.CreateStaffAsync(StaffRole.SystemAdmin, "000.00.00.H50"), DemoSeeder.StaffPassword);
        await page.WaitForPathAsync("**/backoffice");
        await page.GetByRole(AriaRole.Link, new() { Name = "Đồng bộ Cổng DVCQG" }).ClickAsync();
        (await page.Locator("[data-not-configured]").InnerTextAsync()).ShouldContain("Chưa cấu hình kết nối Cổng Dịch vụ công quốc gia");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Thất bại") }).ClickAsync();
        await page.WaitForPathAsync(url => url.Contains("tinh-trang=Dead", StringComparison.Ordinal));
        var row = page.Locator($"tr[data-id='{id}']");
        (await row.InnerTextAsync()).ShouldContain(code);
        (await row.InnerTextAsync()).ShouldContain("Cổng DVCQG trả lời 503");
        (await row.Locator("[data-national-status]").InnerTextAsync()).ShouldBe("2 Được tiếp nhận");

        await row.GetByRole(AriaRole.Button, new() { Name = "Gửi lại" }).ClickAsync();
        (await page.Locator("[role=status]").Last.InnerTextAsync()).ShouldBe($"Đã đưa bản tin {id} vào hàng đợi gửi lại.");
        (await page.Locator($"tr[data-id='{id}'] [data-status]").InnerTextAsync()).ShouldBe("Chờ gửi");
        host.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "OutboxMessage:" + id).Select(e => e.Action).ToList()).ShouldBe(["portal.resent"]);
    }
}
