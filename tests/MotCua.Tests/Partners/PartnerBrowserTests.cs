using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Demo;
using Shouldly;

namespace MotCua.Tests.Partners;

/// <summary>
/// The registry page in Chromium, and a partner system that is a real HTTP client on the wire: curl, with the
/// commands of the README's "Partner access" section, against MotCua on a real Kestrel port.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PartnerBrowserTests(BrowserHost host)
{
    private const string MaritalStatus = "1.004873";

    [Fact]
    public async Task An_administrator_registers_a_partner_whose_curl_gets_a_token_and_reads_a_dossier_until_it_is_disabled()
    {
        var (unit, desk) = await host.DeskAsync(MaritalStatus);
        var received = await desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus));
        received.StatusCode.ShouldBe(HttpStatusCode.Created, await received.Content.ReadAsStringAsync());
        var code = (await received.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        var clientId = "lgsp-" + Guid.NewGuid().ToString("N")[..10];

        var page = await host.NewPageAsync();
        await BrowserHost.SignInAsync(page, "sysadmin", DemoSeeder.StaffPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Hệ thống đối tác" }).ClickAsync();
        await page.WaitForPathAsync("**/backoffice/doi-tac");
        await page.GetByLabel("Mã hệ thống (client_id)").FillAsync(clientId);
        await page.GetByLabel("Tên hệ thống").FillAsync("Nền tảng LGSP tỉnh Quảng Trị");
        await page.GetByLabel("Loại").SelectOptionAsync("Lgsp");
        await page.GetByLabel("Xem hồ sơ của các đơn vị được cấp").CheckAsync();
        await page.GetByLabel("Đơn vị được xem (mã, cách nhau bởi dấu phẩy)").FillAsync(unit);
        await page.GetByLabel("Giới hạn (lượt/phút)").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng ký", Exact = true }).ClickAsync();
        var secret = await page.Locator("[data-secret]").InnerTextAsync();
        secret.ShouldStartWith("mcs_");
        (await page.Locator($"[data-client='{clientId}'] [data-state]").InnerTextAsync()).ShouldBe("Đang hoạt động");

        // The secret is shown once: the page opened again does not have it.
        await page.OpenAsync("/backoffice/doi-tac");
        await page.Locator($"[data-client='{clientId}']").WaitForAsync();
        (await page.Locator("[data-secret]").CountAsync()).ShouldBe(0);

        var token = JsonDocument.Parse(await CurlAsync("-u", clientId + ":" + secret, "-d", "grant_type=client_credentials", "-d", "scope=dossiers.read",
            host.BaseUrl + "/api/v1/oauth/token")).RootElement.GetProperty("access_token").GetString()!;
        var dossier = JsonDocument.Parse(await CurlAsync("-H", "Authorization: Bearer " + token, host.BaseUrl + "/api/v1/dossiers/" + code)).RootElement;
        dossier.GetProperty("code").GetString().ShouldBe(code);

        await page.Locator($"[data-client='{clientId}']").GetByRole(AriaRole.Button, new() { Name = "Khóa", Exact = true }).ClickAsync();
        await page.Locator($"[data-client='{clientId}'] [data-state]", new() { HasText = "Đã khóa" }).WaitForAsync();
        var refused = await CurlAsync("-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer " + token, host.BaseUrl + "/api/v1/dossiers/" + code);
        refused.ShouldBe("401");

        // The call log shows the token, the read and the refusal.
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhật ký gọi API của đối tác" }).ClickAsync();
        await page.WaitForPathAsync("**/backoffice/doi-tac/nhat-ky");
        await page.GetByLabel("Mã hệ thống").FillAsync(clientId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem", Exact = true }).ClickAsync();
        await page.WaitForPathAsync("**clientId=" + clientId);
        (await page.Locator("[data-summary]").InnerTextAsync()).ShouldBe("3 lần gọi");
        (await page.Locator("[data-call]").AllInnerTextsAsync()).Select(row => row.Split('\t')[3] + " " + row.Split('\t')[4]).ShouldBe([
            $"GET /api/v1/dossiers/{code} 401",
            $"GET /api/v1/dossiers/{code} 200",
            "POST /api/v1/oauth/token 200",
        ]);
    }

    /// <summary>Runs curl (the partner's side, a process of its own) and returns what it printed.</summary>
    private static async Task<string> CurlAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-sS", "--max-time", "60", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var curl = Process.Start(start)!;
        var output = await curl.StandardOutput.ReadToEndAsync();
        var error = await curl.StandardError.ReadToEndAsync();
        await curl.WaitForExitAsync();
        curl.ExitCode.ShouldBe(0, error);
        return output;
    }
}
