using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Tests.Operations;

/// <summary>
/// The province's deployment, started by <c>scripts/topology.sh</c> from the app published once: PostgreSQL, two app nodes in
/// Production and nginx terminating TLS with the script's own test CA. Tests talk to nginx over HTTPS, trusting that CA only.
/// Started in the PostgreSQL pass of the suite only (it has its own server either way).
/// </summary>
public sealed class Topology : IAsyncLifetime
{
    public const int HttpsPort = 56140;
    public const int PostgresPort = 55614;
    public const string HostName = "motcua.test";
    public static readonly int[] NodePorts = [56141, 56142];

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "motcua-topology-" + Guid.NewGuid().ToString("N")[..8]);

    public string ConnectionString => $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Database=motcua";

    private X509Certificate2? _ca;

    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MotCua.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("MotCua.slnx not found above " + AppContext.BaseDirectory);
    }

    public async Task InitializeAsync()
    {
        if (!TestDatabase.IsPostgres)
        {
            return;
        }

        // Published once from the build the tests run on; both nodes (and the demo seeding run) share it.
        var published = Path.Combine(Directory, "published");
        await RunAsync("dotnet", ["publish", Path.Combine(RepositoryRoot, "src", "MotCua.Web"), "-c", "Release", "--no-build", "-o", published, "-nologo", "-v", "quiet"]);
        await ScriptAsync("topology.sh", ["start", Directory], ("MOTCUA_APP", published), ("MOTCUA_TOPOLOGY_DEMO", "1"));
        _ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Directory, "tls", "ca.crt"));
    }

    public async Task DisposeAsync()
    {
        if (!TestDatabase.IsPostgres)
        {
            return;
        }

        await ScriptAsync("topology.sh", ["stop", Directory]);
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>A client of nginx over HTTPS that trusts the test CA alone, connecting from <paramref name="from"/> (a loopback address).</summary>
    public HttpClient Client(string from = "127.0.0.1", CookieContainer? cookies = null) => Client(new Uri($"https://{HostName}:{HttpsPort}"), from, cookies);

    /// <summary>A client of one node directly (plain HTTP, as nginx reaches it), from <paramref name="from"/>.</summary>
    public HttpClient Node(int index, string from) => Client(new Uri($"http://127.0.0.1:{NodePorts[index]}"), from, null);

    private HttpClient Client(Uri address, string from, CookieContainer? cookies)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = true,
            CookieContainer = cookies ?? new CookieContainer(),
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            // The name resolves to the machine itself; the source address stands for a citizen's own.
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = TrustsTestCa },
        };
        return new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    private bool TrustsTestCa(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || _ca is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(_ca);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    private readonly Dictionary<string, HttpClient> _signedIn = [];

    /// <summary>Signs a demo account in through nginx with its password and authenticator code, once per test run (a code is
    /// accepted once per account and 30-second step: if this step's was used, the next step's is sent when it comes).</summary>
    public async Task<HttpClient> SignInAsync(string userName)
    {
        if (_signedIn.TryGetValue(userName, out var signedIn))
        {
            return signedIn;
        }

        var client = Client();
        for (var attempt = 0; ; attempt++)
        {
            var now = DateTimeOffset.UtcNow;
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = DemoSeeder.StaffPassword, code = Totp.Code(DemoSeeder.TotpSecret, now) });
            if (response.IsSuccessStatusCode)
            {
                _signedIn[userName] = client;
                return client;
            }

            if (attempt == 1 || response.StatusCode != HttpStatusCode.Unauthorized)
            {
                throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(TimeSpan.FromSeconds(30 - (now.ToUnixTimeSeconds() % 30) + 1));
        }
    }

    /// <summary>Which node answered (nginx's <c>X-Upstream</c>: the node's address).</summary>
    public static string Upstream(HttpResponseMessage response) => response.Headers.GetValues("X-Upstream").Single();

    internal MotCuaDbContext Database(string? connectionString = null)
    {
        var options = new DbContextOptionsBuilder<MotCuaDbContext>();
        DatabaseModule.Configure(options, new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString ?? ConnectionString });
        return new MotCuaDbContext(options.Options);
    }

    /// <summary>Runs one of scripts/*.sh and returns its standard output; a failure throws with both outputs.</summary>
    public static Task<string> ScriptAsync(string script, string[] arguments, params (string Name, string Value)[] environment) =>
        RunAsync(Path.Combine(RepositoryRoot, "scripts", script), arguments, environment);

    private static async Task<string> RunAsync(string program, string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }

        return await output;
    }
}

[CollectionDefinition(Name)]
public sealed class TopologyCollection : ICollectionFixture<Topology>
{
    public const string Name = "topology";
}

/// <summary>Receipts of dossiers at one desk through nginx, as fast as <c>workers</c> clients can send them. Each dossier has
/// its own Idempotency-Key and is sent again with it after a 5xx or a broken connection, as a counter client does.
/// Only a 2xx counts as acknowledged.</summary>
internal sealed class ReceiptLoad(HttpClient desk, int workers)
{
    private const string MaritalStatus = "1.004873";
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _acknowledged = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public IReadOnlyCollection<string> Acknowledged => _acknowledged;

    public int Retries;

    public void Start() => _running = Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync)));

    public async Task<IReadOnlyCollection<string>> StopAsync()
    {
        await _stop.CancelAsync();
        await _running!;
        return _acknowledged;
    }

    public async Task WaitForAsync(int acknowledged)
    {
        while (_acknowledged.Count < acknowledged)
        {
            if (_running!.IsCompleted)
            {
                await _running;
            }

            await Task.Delay(50);
        }
    }

    private async Task WorkAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var key = Guid.NewGuid().ToString();
            for (var attempt = 1; ; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dossiers") { Content = JsonContent.Create(Dossiers.IntakeApiTests.Body(MaritalStatus)) };
                request.Headers.Add("Idempotency-Key", key);
                try
                {
                    using var response = await desk.SendAsync(request);
                    if (response.IsSuccessStatusCode)
                    {
                        _acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!);
                        break;
                    }

                    if ((int)response.StatusCode < 500 || attempt == 20)
                    {
                        throw new InvalidOperationException($"Receipt refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (HttpRequestException) when (attempt < 20)
                {
                }

                Interlocked.Increment(ref Retries);
                await Task.Delay(200);
            }
        }
    }
}
