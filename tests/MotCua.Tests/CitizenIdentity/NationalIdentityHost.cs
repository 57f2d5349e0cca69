using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.CitizenIdentity;

/// <summary>
/// The national identity's OpenID provider simulator (tools/oidc-provider/provider.py), one process for the test run. Each host
/// registers itself as a client with its own id, secret and redirect URI, so hosts sharing the simulator never see each other's codes.
/// </summary>
public static class TestOidcProvider
{
    private static readonly Lazy<string> Started = new(Start);

    /// <summary>Disables redirects: the tests read each step's Location.</summary>
    internal static readonly HttpClient Http = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The simulator's address, which is also its issuer; starts it on first use.</summary>
    public static string Address => Started.Value;

    private static string Start()
    {
        var script = Path.Combine(Repository.Root, "tools", "oidc-provider", "provider.py");
        var provider = Process.Start(new ProcessStartInfo("python3") { ArgumentList = { script, "--port", "0" }, UseShellExecute = false, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("python3 did not start (apt-get install python3 python3-cryptography)");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            provider.Kill();
            provider.WaitForExit();
        };
        // It prints its port once it listens.
        var line = provider.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The OpenID provider simulator exited at start (python3-cryptography missing?).");
        return "http://127.0.0.1:" + line["LISTENING ".Length..];
    }

    public static Task RegisterAsync(string clientId, string secret, string redirectUri) =>
        ControlAsync("/admin/clients", new { clientId, clientSecret = secret, redirectUris = new[] { redirectUri } });

    /// <summary>normal, bad-signature, slow-token or token-error.</summary>
    public static Task ModeAsync(string clientId, string mode) => ControlAsync("/admin/mode", new { clientId, mode });

    // A sized body: the simulator reads Content-Length and does not take chunked requests.
    private static async Task ControlAsync(string path, object body) =>
        (await Http.PostAsync(Address + path, new StringContent(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json")))
        .EnsureSuccessStatusCode();
}

/// <summary>MotCua on a real port with Chromium, registered as a client of the OpenID provider simulator.</summary>
public sealed class NationalIdentityHost : BrowserHost
{
    public string ClientId { get; } = "motcua-" + Guid.NewGuid().ToString("N")[..8];
    public string ClientSecret { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TestOidcProvider.RegisterAsync(ClientId, ClientSecret, BaseUrl + "/account/vneid/callback");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("MotCua:NationalIdentity:Authority", TestOidcProvider.Address);
        builder.UseSetting("MotCua:NationalIdentity:ClientId", ClientId);
        builder.UseSetting("MotCua:NationalIdentity:ClientSecret", ClientSecret);
        builder.UseSetting("MotCua:NationalIdentity:Timeout", "00:00:02");
        builder.UseSetting("MotCua:NationalIdentity:Retries", "1");
    }

    public Task ModeAsync(string mode) => TestOidcProvider.ModeAsync(ClientId, mode);

    private Lazy<Task<ContractCheck.Contract>>? _contract;

    /// <summary>A client like a browser without JavaScript: keeps its cookies, does not follow redirects (the tests follow each hop),
    /// and holds every API answer to the published document.</summary>
    public HttpClient Browserless()
    {
        _contract ??= new(async () => new ContractCheck.Contract(await LoadApiDocumentAsync()));
        var handler = new ContractCheck(() => _contract.Value)
        {
            InnerHandler = new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler
            {
                InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri(BaseUrl) };
    }
}

/// <summary>MotCua registered with a national identity provider that is down: nothing listens at its address.</summary>
public sealed class ProviderDownHost : MotCuaFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("MotCua:NationalIdentity:Authority", "http://127.0.0.1:" + TestSmtpServer.FreePort());
        builder.UseSetting("MotCua:NationalIdentity:ClientId", "motcua-down");
        builder.UseSetting("MotCua:NationalIdentity:Timeout", "00:00:02");
        builder.UseSetting("MotCua:NationalIdentity:Retries", "1");
    }
}

[CollectionDefinition(Name)]
public sealed class NationalIdentityCollection : ICollectionFixture<NationalIdentityHost>
{
    public const string Name = "national-identity";
}
