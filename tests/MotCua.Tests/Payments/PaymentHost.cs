using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Payments;

/// <summary>
/// The payment gateway simulator (tools/payment-gateway/gateway.py), one process for the test run. Each host registers itself
/// as a merchant with its own terminal code, secret and IPN address, so hosts sharing the simulator never see each other's orders.
/// </summary>
public static class TestPaymentGateway
{
    private static readonly Lazy<string> Started = new(Start);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The simulator's address; starts it on first use.</summary>
    public static string Address => Started.Value;

    private static string Start()
    {
        var script = Path.Combine(Repository(), "tools", "payment-gateway", "gateway.py");
        var gateway = Process.Start(new ProcessStartInfo("python3") { ArgumentList = { script, "--port", "0" }, UseShellExecute = false, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("python3 did not start (apt-get install python3)");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            gateway.Kill();
            gateway.WaitForExit();
        };
        // It prints its port once it listens.
        var line = gateway.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The payment gateway simulator exited at start.");
        return "http://127.0.0.1:" + line["LISTENING ".Length..];
    }

    private static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MotCua.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }

    public static async Task RegisterAsync(string tmnCode, string secret, string ipnUrl) =>
        (await Http.PostAsJsonAsync(Address + "/admin/merchants", new { tmnCode, secret, ipnUrl })).EnsureSuccessStatusCode();

    /// <summary>normal, late, twice, bad-signature, no-ipn or down.</summary>
    public static async Task ModeAsync(string tmnCode, string mode) =>
        (await Http.PostAsJsonAsync(Address + "/admin/mode", new { tmnCode, mode })).EnsureSuccessStatusCode();

    /// <summary>Sends a held-back notice now; answers the merchant's reply.</summary>
    public static async Task<JsonElement> SendNoticeAsync(string orderId) =>
        await (await Http.PostAsync($"{Address}/admin/transactions/{orderId}/ipn", null)).Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<JsonElement> TransactionAsync(string orderId) =>
        await Http.GetFromJsonAsync<JsonElement>($"{Address}/admin/transactions/{orderId}");
}

/// <summary>MotCua on a real port (the gateway's notice must reach it) with Chromium, registered with the gateway simulator.</summary>
public class PaymentHost : BrowserHost
{
    public string TmnCode { get; } = "MC" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    public string Secret { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TestPaymentGateway.RegisterAsync(TmnCode, Secret, BaseUrl + "/api/v1/payments/gateway/ipn");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("MotCua:Payments:Gateway:BaseUrl", TestPaymentGateway.Address);
        builder.UseSetting("MotCua:Payments:Gateway:TmnCode", TmnCode);
        builder.UseSetting("MotCua:Payments:Gateway:HashSecret", Secret);
        builder.UseSetting("MotCua:Payments:Gateway:Timeout", "00:00:03");
        builder.UseSetting("MotCua:Payments:Gateway:Retries", "1");
    }

    public Task ModeAsync(string mode) => TestPaymentGateway.ModeAsync(TmnCode, mode);
}

[CollectionDefinition(Name)]
public sealed class PaymentCollection : ICollectionFixture<PaymentHost>
{
    public const string Name = "payments";
}
