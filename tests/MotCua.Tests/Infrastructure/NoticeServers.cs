using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MimeKit;

namespace MotCua.Tests.Infrastructure;

/// <summary>
/// MotCua wired to real outside servers, each its own process: an SMTP server (Debian's python3-aiosmtpd, storing what it
/// receives in a maildir) and the SMS gateway simulator of tools/sms-gateway. Three attempts make a dead letter.
/// </summary>
public sealed class NoticesFactory : MotCuaFactory
{
    public const string SmsUser = "motcua-test";
    public const string SmsPassword = "mật-khẩu-cổng-sms";

    public TestSmtpServer Smtp { get; } = new();
    public TestSmsGateway Sms { get; } = new(SmsUser, SmsPassword);

    public override async Task InitializeAsync()
    {
        await Smtp.StartAsync();
        await Sms.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("MotCua:Outbox:MaxAttempts", "3");
        builder.UseSetting("MotCua:Notices:PublicBaseUrl", "https://motcua.example.vn");
        builder.UseSetting("MotCua:Notices:Smtp:Host", "127.0.0.1");
        builder.UseSetting("MotCua:Notices:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("MotCua:Notices:Smtp:From", "MotCua Gio Linh <motcua@giolinh.example.vn>");
        builder.UseSetting("MotCua:Notices:Smtp:Timeout", "00:00:10");
        builder.UseSetting("MotCua:Notices:Sms:Url", Sms.BaseUrl + "/v1/sms");
        builder.UseSetting("MotCua:Notices:Sms:UserName", SmsUser);
        builder.UseSetting("MotCua:Notices:Sms:Password", SmsPassword);
        builder.UseSetting("MotCua:Notices:Sms:Templates:Received", "MC_TIEP_NHAN");
        builder.UseSetting("MotCua:Notices:Sms:Templates:Returned", "MC_TRA_KET_QUA");
        builder.UseSetting("MotCua:Notices:Sms:Timeout", "00:00:10");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
        Sms.Dispose();
    }
}

/// <summary>Where the repository's files are, from the test binaries.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MotCua.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("MotCua.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>aiosmtpd (<c>python3 -m aiosmtpd</c>) on a free port, storing each received message in a maildir.</summary>
public sealed class TestSmtpServer : IDisposable
{
    private readonly string _maildir = Path.Combine(Path.GetTempPath(), "motcua-smtp-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _process;

    public int Port { get; private set; }

    public async Task StartAsync()
    {
        Port = FreePort();
        _process = Process.Start(new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", _maildir },
            UseShellExecute = false,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("aiosmtpd did not start (apt-get install python3-aiosmtpd)");
        var deadline = Stopwatch.StartNew();
        while (!await AcceptsAsync(Port))
        {
            if (_process.HasExited || deadline.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new InvalidOperationException("aiosmtpd did not come up: " + await _process.StandardError.ReadToEndAsync());
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Every message the server received, parsed.</summary>
    public IReadOnlyList<MimeMessage> Received()
    {
        var folder = Path.Combine(_maildir, "new");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Select(f => MimeMessage.Load(f)).ToList() : [];
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        if (Directory.Exists(_maildir))
        {
            Directory.Delete(_maildir, recursive: true);
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>The SMS gateway simulator (tools/sms-gateway/sms_gateway.py) as its own process, and its control interface.</summary>
public sealed class TestSmsGateway(string user, string password) : IDisposable
{
    private readonly HttpClient _control = new();
    private Process? _process;

    public string BaseUrl { get; private set; } = "";

    public sealed record Message(int Id, string Key, string To, string TemplateId, string Text, int Seen);

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { Path.Combine(Repository.Root, "tools", "sms-gateway", "sms_gateway.py"), "--port", "0", "--user", user, "--password", password },
            UseShellExecute = false,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("the SMS gateway simulator did not start");
        // It prints its port once it listens.
        var line = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the SMS gateway simulator exited");
        BaseUrl = "http://127.0.0.1:" + line["listening on ".Length..];
        _control.BaseAddress = new Uri(BaseUrl);
    }

    /// <summary>The messages that reached a phone, with how many times their idempotency key came in.</summary>
    public async Task<IReadOnlyList<Message>> ReceivedAsync() =>
        await _control.GetFromJsonAsync<List<Message>>("/control/messages", new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];

    /// <summary>The next <paramref name="count"/> sends to <paramref name="to"/> answer 503.</summary>
    public Task FailAsync(string to, int count) => ControlAsync("/control/fail", to, count);

    /// <summary>The next <paramref name="count"/> sends to <paramref name="to"/> reach the phone, and the connection closes before the answer.</summary>
    public Task DropAnswersAsync(string to, int count) => ControlAsync("/control/drop", to, count);

    // A sized body: the simulator, like many gateways, reads Content-Length and does not take chunked requests.
    private async Task ControlAsync(string path, string to, int count) =>
        (await _control.PostAsync(path, new StringContent(JsonSerializer.Serialize(new { to, count }), System.Text.Encoding.UTF8, "application/json")))
        .EnsureSuccessStatusCode();

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
