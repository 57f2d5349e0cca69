using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using MotCua.Web.Integration.Outbox;
using Shouldly;

namespace MotCua.Tests.Integration;

[Collection(BrowserCollection.Name)]
public sealed class NoticePagesBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task An_administrator_finds_a_dead_letter_among_the_failed_notices_and_re_sends_it()
    {
        long id;
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
            var message = scope.ServiceProvider.GetRequiredService<Outbox>().Message(NotificationChannel.Sms, "0912777888", "Hồ sơ", "Hồ sơ cần bổ sung.",
                "Test:" + Guid.NewGuid(), "Notice.SupplementRequested");
            db.Add(message);
            await db.SaveChangesAsync();
            id = message.Id;
            var failedAt = host.Clock.GetUtcNow().UtcDateTime;
            await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, 8).SetProperty(m => m.GaveUpAt, failedAt)
                .SetProperty(m => m.LastError, "HttpRequestException: SMS gateway answered 503"));
        }

        var page = await host.NewPageAsync();
        await BrowserHost.SignInAsync(page, await host.CreateStaffAsync(StaffRole.SystemAdmin, "000.00.00.H50"), DemoSeeder.StaffPassword);
        await page.WaitForPathAsync("**/backoffice");
        await page.GetByRole(AriaRole.Link, new() { Name = "Gửi thông báo" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Thất bại") }).ClickAsync();
        await page.WaitForPathAsync(url => url.Contains("tinh-trang=Dead", StringComparison.Ordinal));
        var row = page.Locator($"tr[data-id='{id}']");
        (await row.InnerTextAsync()).ShouldContain("•••••••888");
        (await row.InnerTextAsync()).ShouldContain("SMS gateway answered 503");
        (await row.Locator("[data-status]").InnerTextAsync()).ShouldBe("Thất bại");

        await row.GetByRole(AriaRole.Button, new() { Name = "Gửi lại" }).ClickAsync();
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldBe($"Đã đưa thông báo {id} vào hàng đợi gửi lại.");
        (await page.Locator($"tr[data-id='{id}'] [data-status]").InnerTextAsync()).ShouldBe("Chờ gửi");
        host.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "OutboxMessage:" + id).Select(e => e.Action).ToList()).ShouldBe(["notice.resent"]);
    }

    [Fact]
    public async Task A_citizen_turns_off_SMS_notices_on_the_account_page()
    {
        var phone = "09" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string password = "Mật khẩu công dân 2026";
        (await host.Anonymous().PostAsJsonAsync("/api/v1/auth/register", new { phoneOrEmail = phone, fullName = "Lê Thị Thu", password }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var page = await host.NewPageAsync();
        await BrowserHost.SignInAsync(page, phone, password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhận thông báo" }).ClickAsync();
        var sms = page.GetByLabel("Nhận qua tin nhắn SMS");
        (await sms.IsCheckedAsync()).ShouldBeTrue();
        await sms.UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu lựa chọn" }).ClickAsync();
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldBe("Đã lưu lựa chọn.");

        await page.ReloadPageAsync();
        (await page.GetByLabel("Nhận qua tin nhắn SMS").IsCheckedAsync()).ShouldBeFalse();
        (await page.GetByLabel("Nhận qua thư điện tử").IsCheckedAsync()).ShouldBeTrue();
        host.WithDb(db => db.NoticeChoices.Join(db.Users.Where(u => u.PhoneNumber == phone), c => c.UserId, u => u.Id, (c, _) => new { c.Email, c.Sms }).Single())
            .ShouldBe(new { Email = true, Sms = false });
    }
}
