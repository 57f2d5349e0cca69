using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Integration.Outbox;

namespace MotCua.Tests.NationalPortal;

/// <summary>
/// MotCua connected to the national portal simulator (tools/national-portal/portal.py), its own process. Each call times out
/// after a second and is retried once; three failed attempts make a dead letter. The breaker needs many calls to open here,
/// so that one test's failures do not hold back the next; <see cref="BreakerPortalFactory"/> opens it soon.
/// </summary>
public class NationalPortalFactory : MotCuaFactory
{
    public const string User = "motcua-gio-linh";
    public const string Password = "mật-khẩu-kết-nối-DVCQG";

    public TestNationalPortal Portal { get; } = new(User, Password);

    protected virtual int BreakAfter => 100;

    public override async Task InitializeAsync()
    {
        await Portal.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("MotCua:Outbox:MaxAttempts", "3");
        builder.UseSetting("MotCua:NationalPortal:Url", Portal.BaseUrl);
        builder.UseSetting("MotCua:NationalPortal:UserName", User);
        builder.UseSetting("MotCua:NationalPortal:Password", Password);
        builder.UseSetting("MotCua:NationalPortal:Timeout", "00:00:01");
        builder.UseSetting("MotCua:NationalPortal:Retries", "1");
        builder.UseSetting("MotCua:NationalPortal:BreakAfter", BreakAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("MotCua:NationalPortal:BreakFor", "00:10:00");
    }

    /// <summary>One delivery round of the outbox, as the worker runs it.</summary>
    internal async Task DeliverAsync()
    {
        using var scope = Services.CreateScope();
        await OutboxWorker.DeliverDueAsync(scope.ServiceProvider, CancellationToken.None);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Portal.Dispose();
    }
}

/// <summary>The same, with a breaker that opens once three calls were made and most failed (the login and two pushes), for ten minutes.</summary>
public sealed class BreakerPortalFactory : NationalPortalFactory
{
    protected override int BreakAfter => 3;
}

/// <summary>The national portal simulator as its own process, and its control interface.</summary>
public sealed class TestNationalPortal(string user, string password) : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _control = new();
    private Process? _process;

    public string BaseUrl { get; private set; } = "";

    public sealed record Accepted(string Reference, string Key, string Madonvi, bool IsUpdating, string Code, int Status, JsonElement Dossier);

    public sealed record Request(string? Code, string Outcome, string? Key);

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { Path.Combine(Repository.Root, "tools", "national-portal", "portal.py"), "--port", "0", "--user", user, "--password", password },
            UseShellExecute = false,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("the national portal simulator did not start");
        // It prints its port once it listens.
        var line = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the national portal simulator exited");
        BaseUrl = "http://127.0.0.1:" + line["listening on ".Length..];
        _control.BaseAddress = new Uri(BaseUrl);
    }

    /// <summary>What the portal accepted for <paramref name="code"/>, in the order it accepted it.</summary>
    public async Task<IReadOnlyList<Accepted>> AcceptedAsync(string code) =>
        (await _control.GetFromJsonAsync<List<Accepted>>("/control/accepted", Web) ?? []).Where(a => a.Code == code).ToList();

    /// <summary>Every sync request for <paramref name="code"/> that reached the portal, with its outcome ("00", "503", "timeout", …).</summary>
    public async Task<IReadOnlyList<Request>> RequestsAsync(string code) =>
        (await _control.GetFromJsonAsync<List<Request>>("/control/requests", Web) ?? []).Where(r => r.Code == code).ToList();

    /// <summary>The next <paramref name="count"/> sync requests for <paramref name="code"/> (any dossier: null) fail: "503", "timeout" or "reject"; -1: until <see cref="ResetAsync"/>.</summary>
    public Task FailAsync(string mode, int count, string? code = null, int seconds = 3) => PostAsync("/control/fail", new { mode, count, code, seconds });

    public Task ResetAsync() => PostAsync("/control/reset", new { });

    public Task ExpireSessionsAsync() => PostAsync("/control/expire", new { });

    // A sized body: the simulator reads Content-Length.
    private async Task PostAsync(string path, object body) =>
        (await _control.PostAsync(path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        _control.Dispose();
    }
}
