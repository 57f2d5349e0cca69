using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MotCua.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server of one test's own, on a free port in a temporary directory, that the test may stop
/// and start (the shared test server serves every other test at once). Run as the postgres user when the tests run as root.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;

    private OwnPostgres(string bin, string directory)
    {
        _bin = bin;
        _directory = directory;
    }

    public int Port { get; private set; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres";

    public static async Task<OwnPostgres> CreateAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(version => Path.Combine(version, "bin"))
            .Where(path => File.Exists(Path.Combine(path, "initdb")))
            .OrderBy(path => int.Parse(Path.GetFileName(Path.GetDirectoryName(path))!, System.Globalization.CultureInfo.InvariantCulture))
            .LastOrDefault() ?? throw new InvalidOperationException("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb); scripts/test.sh installs it.");
        var server = new OwnPostgres(bin, Directory.CreateTempSubdirectory("motcua-own-pg-").FullName);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres", server._directory]);
        }

        await server.AsPostgresAsync($"{bin}/initdb -D {server._directory}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8");
        // Another process may take the port between the probe and the start: try a few.
        for (var attempt = 1; ; attempt++)
        {
            server.Port = FreePort();
            try
            {
                await server.StartAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>Starts the server and returns once it accepts connections.</summary>
    public Task StartAsync() => AsPostgresAsync(
        $"{_bin}/pg_ctl -D {_directory}/data -o \"-c listen_addresses=127.0.0.1 -p {Port} -k {_directory} -c fsync=off\" -l {_directory}/log -w start");

    /// <summary>Stops the server as an operator would (open sessions are ended) and returns once it is down.</summary>
    public Task StopAsync() => AsPostgresAsync($"{_bin}/pg_ctl -D {_directory}/data -m fast -w stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsPostgresAsync($"{_bin}/pg_ctl -D {_directory}/data -m immediate -w stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task AsPostgresAsync(string command) =>
        Environment.UserName == "root" ? RunAsync("su", ["postgres", "-s", "/bin/bash", "-c", command]) : RunAsync("/bin/bash", ["-c", command]);

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}

/// <summary>A test that needs a PostgreSQL server of its own; it runs in the PostgreSQL pass of the suite.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.IsPostgres)
        {
            Skip = "Runs in the PostgreSQL pass (MOTCUA_TEST_PROVIDER=postgres).";
        }
    }
}
