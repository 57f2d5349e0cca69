using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MotCua.Tests.Infrastructure;

/// <summary>
/// MotCua on a real Kestrel port, driven by real headless Chromium (Debian's /usr/bin/chromium, or
/// MOTCUA_CHROMIUM). Tests run in this collection one at a time, each in a fresh browser context.
/// </summary>
public class BrowserHost : MotCuaFactory
{
    // The hosts of this process by address, so that a sign-in through a page reaches its host's accounts.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, BrowserHost> Hosts = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        UseKestrel(0);
        await base.InitializeAsync();
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        // HTTP clients (arrangement through the API) talk to the same Kestrel port as the browser.
        ClientOptions.BaseAddress = new Uri(BaseUrl);
        Hosts[BaseUrl] = this;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("MOTCUA_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "vi-VN", AcceptDownloads = true });
        // Other test hosts share this process and the machine's two cores: allow slow pages.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the real pages: password, then, for staff, a recovery code made for this sign-in (an
    /// authenticator code is accepted once per account and 30-second step; <c>SignInTests</c> covers that path).</summary>
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.OpenAsync("/account/login");
        var host = Hosts[new Uri(page.Url).GetLeftPart(UriPartial.Authority)];
        await host.WithRecoveryCodeAsync(userName, async recoveryCode =>
        {
            await page.GetByLabel("Tên đăng nhập hoặc số điện thoại").FillAsync(userName);
            await page.GetByLabel("Mật khẩu").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
            // Wait until the sign-in post has answered, or the next step races the navigation it started.
            await page.WaitForPathAsync(url => !new Uri(url).AbsolutePath.Equals("/account/login", StringComparison.Ordinal));
            if (page.Url.Contains("/account/login-2fa", StringComparison.Ordinal))
            {
                await page.GetByLabel("Hoặc mã khôi phục").FillAsync(recoveryCode!);
                await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận" }).ClickAsync();
                await page.WaitForPathAsync(url => !new Uri(url).AbsolutePath.Equals("/account/login-2fa", StringComparison.Ordinal));
            }

            return true;
        });
    }

    public override async ValueTask DisposeAsync()
    {
        Hosts.TryRemove(BaseUrl, out _);
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>
/// Navigation waits. After a form post and its redirect, Chromium has intermittently left Playwright's lifecycle
/// waits ("load", even "domcontentloaded") hanging on a page that had loaded, so tests wait for the address bar
/// instead and then let locators wait for the content they assert on.
/// </summary>
public static class PageNavigation
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static Task<IResponse?> OpenAsync(this IPage page, string url) =>
        page.GotoAsync(url, new() { WaitUntil = WaitUntilState.DOMContentLoaded });

    public static Task<IResponse?> ReloadPageAsync(this IPage page) =>
        page.ReloadAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });

    /// <summary>Waits until the page's address matches a glob: <c>**</c> is any text, <c>*</c> any text without a slash.</summary>
    public static Task WaitForPathAsync(this IPage page, string glob)
    {
        var pattern = new Regex("^" + string.Concat(Regex.Split(glob, @"(\*\*|\*)").Select(part => part switch
        {
            "**" => ".*",
            "*" => "[^/]*",
            _ => Regex.Escape(part),
        })) + "$", RegexOptions.CultureInvariant);
        return page.WaitForPathAsync(url => pattern.IsMatch(url));
    }

    public static async Task WaitForPathAsync(this IPage page, Func<string, bool> matches)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!matches(page.Url))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The page stayed at {page.Url}.");
            }

            await Task.Delay(50);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHost>
{
    public const string Name = "browser";
}
