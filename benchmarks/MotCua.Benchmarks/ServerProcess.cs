using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using MotCua.Web.Platform.Database;
using Npgsql;

namespace MotCua.Benchmarks;

/// <summary>
/// The app as production runs it: <c>dotnet MotCua.Web.dll</c> in a process of its own, in the Production environment, on a
/// fresh PostgreSQL database of the server given by <c>MOTCUA_BENCH_PG</c>. The benchmark process only sends it load.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private int _errors;
    private bool _closed;
    private string? _firstError;

    private ServerProcess(Process process, StreamWriter log, string connectionString, string database, Uri baseAddress)
    {
        _process = process;
        _log = log;
        ConnectionString = connectionString;
        Database = database;
        BaseAddress = baseAddress;
    }

    /// <summary>The app's own connection string, with the app's defaults applied as it applies them.</summary>
    public string ConnectionString { get; }
    public string Database { get; }
    public Uri BaseAddress { get; }

    /// <summary>Where the app was built from: Release or Debug.</summary>
    public static string Configuration => typeof(Program).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "?";

    /// <summary>Error and critical entries the app logged so far, and the first one's message.</summary>
    public (int Count, string? First) Errors
    {
        get
        {
            lock (_logLock)
            {
                return (_errors, _firstError);
            }
        }
    }

    /// <summary>The processor time the app's process has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<ServerProcess> StartAsync(string workDirectory)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "MotCua.Web.dll");
        if (!File.Exists(Path.Combine(AppContext.BaseDirectory, "MotCua.Web.runtimeconfig.json")))
        {
            throw new InvalidOperationException($"{app} cannot run on its own: MotCua.Web.runtimeconfig.json is missing beside it.");
        }

        var database = "motcua_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(BenchHost.PgServer))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {database} ENCODING 'UTF8' TEMPLATE template0", connection);
            await command.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(BenchHost.PgServer) { Database = database, MaxPoolSize = 64 }.ConnectionString;
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment.Remove("ASPNETCORE_TEST_CONTENTROOT_MOTCUA_WEB");
        // The settings of the former in-process host: a production-like environment (Production itself refuses the demo data),
        // limits out of the way of the load, the outbox and the deadline watch idle so that only the requests measured write.
        // The report facts fold every minute, as in production.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        start.Environment["MotCua__Database__SeedDemoData"] = "true";
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        start.Environment["MotCua__Database__Provider"] = "Postgres";
        start.Environment["MotCua__Database__ConnectionString"] = connectionString;
        start.Environment["MotCua__RateLimits__PublicPerMinute"] = "100000000";
        start.Environment["MotCua__RateLimits__SignInPerMinute"] = "100000000";
        start.Environment["MotCua__RateLimits__TrackingPerMinute"] = "100000000";
        start.Environment["MotCua__Outbox__PollInterval"] = "01:00:00";
        start.Environment["Workflow__WatchInterval"] = "1.00:00:00";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var log = new StreamWriter(Path.Combine(workDirectory, "server.log")) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var server = new ServerProcess(process, log, DatabaseModule.PostgresConnectionString(connectionString), database, baseAddress);
        process.OutputDataReceived += (_, e) => server.Record(e.Data);
        process.ErrorDataReceived += (_, e) => server.Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilLiveAsync(workDirectory);
        return server;
    }

    private async Task WaitUntilLiveAsync(string workDirectory)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await client.GetAsync("/health/live");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        await DisposeAsync();
        throw new InvalidOperationException($"The app did not answer /health/live; its log is in {Path.Combine(workDirectory, "server.log")}.");
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            if (_closed)
            {
                return;
            }

            _log.WriteLine(line);
            if (line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || line.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal))
            {
                _errors++;
                _firstError ??= line.Length > 600 ? line[..600] : line;
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_logLock)
        {
            _closed = true;
            _log.Dispose();
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(BenchHost.PgServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
