using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace MotCua.Benchmarks;

/// <summary>One measure: throughput, latency, the answers that failed, and what one operation cost the app's process.</summary>
internal sealed record Measure(string Name, double PerSecond, double P50Ms, double P99Ms, long Count, long Failed, long SocketErrors, double? ServerCpuMs);

/// <summary>
/// wrk (Debian package) loading the app from outside its process. One thread per connection, so that each connection keeps
/// its own session cookie (its own desk officer). The Lua script counts the answers outside 2xx itself: wrk's own count
/// leaves out 3xx.
/// </summary>
internal static class Wrk
{
    private const string Script = """
        -- Written by the MotCua intake benchmark. Arguments: method, path, bodies file, cookies file ("-" for none).
        local threads = {}
        local next_id = 0

        function setup(thread)
          thread:set("id", next_id)
          next_id = next_id + 1
          table.insert(threads, thread)
        end

        local function lines(path)
          local all = {}
          if path ~= "-" then
            for line in io.lines(path) do
              if line ~= "" then table.insert(all, line) end
            end
          end
          return all
        end

        function init(args)
          local bodies, cookies = lines(args[3]), lines(args[4])
          local headers = { ["Content-Type"] = "application/json" }
          if #cookies > 0 then headers["Cookie"] = cookies[(id % #cookies) + 1] end
          prepared = {}
          if #bodies == 0 then
            prepared[1] = wrk.format(args[1], args[2], headers, nil)
          else
            -- Each connection walks the bodies from its own place.
            for i = 1, #bodies do prepared[i] = wrk.format(args[1], args[2], headers, bodies[((i + id * 97) % #bodies) + 1]) end
          end
          sent = 0
          failed = 0
        end

        function request()
          sent = sent + 1
          return prepared[(sent % #prepared) + 1]
        end

        function response(status, headers, body)
          if status < 200 or status > 299 then failed = failed + 1 end
        end

        function done(summary, latency, requests)
          local bad = 0
          for _, thread in ipairs(threads) do bad = bad + thread:get("failed") end
          local e = summary.errors
          io.write(string.format("WRK %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f\n", summary.requests, summary.duration, bad,
            e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99), e.connect, e.read, e.timeout))
        end
        """;

    public static void EnsureInstalled() => Tools.Ensure("wrk", "wrk");

    /// <summary>Runs wrk against <paramref name="path"/>; each connection sends its cookie line and walks the body lines.</summary>
    public static async Task<Measure> RunAsync(string name, ServerProcess server, string workDirectory, string method, string path, TimeSpan duration,
        int connections, string? bodiesFile = null, string? cookiesFile = null)
    {
        var script = Path.Combine(workDirectory, "load.lua");
        if (!File.Exists(script))
        {
            await File.WriteAllTextAsync(script, Script);
        }

        var cpu = server.ProcessorTime;
        var output = await Tools.RunAsync("wrk", ["-t", connections.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{(int)duration.TotalSeconds}s", "--timeout", "10s", "-s", script, server.BaseAddress.ToString(), "--",
            method, path, bodiesFile ?? "-", cookiesFile ?? "-"]);
        var serverCpu = server.ProcessorTime - cpu;
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("WRK ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("wrk printed no result:\n" + output);
        var f = line[4..].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var count = (long)f[0];
        return new Measure(name, count / (f[1] / 1e6), f[4] / 1000, f[5] / 1000, count, (long)f[2], (long)f[3],
            serverCpu.TotalMilliseconds / Math.Max(1, count));
    }
}

/// <summary>
/// pgbench (from the postgresql package) replaying SQL against the app's database with prepared statements. Every transaction's
/// time goes to a per-transaction log (<c>-l</c>), from which the percentiles are taken.
/// </summary>
internal static partial class PgBench
{
    public static void EnsureInstalled() => Tools.Ensure("pgbench", "postgresql");

    public static async Task<Measure> RunAsync(string name, string database, string workDirectory, string script, TimeSpan duration, int clients,
        params string[] defines)
    {
        var file = Path.Combine(workDirectory, name.Replace(' ', '-') + ".sql");
        await File.WriteAllTextAsync(file, script);
        // A short first run, so that the measure starts with every client's statements prepared and their pages cached.
        await RunAsync(database, file, TimeSpan.FromSeconds(2), clients, defines, log: null);
        var logs = Path.Combine(workDirectory, "pgbench-log-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(logs);
        var output = await RunAsync(database, file, duration, clients, defines, log: Path.Combine(logs, "tx"));

        var tps = double.Parse(Tps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var failedMatch = Failed().Match(output);
        var failed = failedMatch.Success ? long.Parse(failedMatch.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        // Per-transaction log lines: client_id transaction_no time_us script_no epoch epoch_us; a failed one shows "failed" as its time.
        var latencies = Directory.EnumerateFiles(logs).SelectMany(File.ReadLines)
            .Select(l => l.Split(' '))
            .Where(p => p.Length > 2 && long.TryParse(p[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            .Select(p => long.Parse(p[2], CultureInfo.InvariantCulture) / 1000.0)
            .Order().ToArray();
        Directory.Delete(logs, recursive: true);
        return new Measure(name, tps, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Length, failed, 0, null);
    }

    private static Task<string> RunAsync(string database, string file, TimeSpan duration, int clients, string[] defines, string? log)
    {
        var server = new NpgsqlConnectionStringBuilder(BenchHost.PgServer);
        var arguments = new List<string>
        {
            "-n", "-M", "prepared", "-f", file, "-c", clients.ToString(CultureInfo.InvariantCulture),
            "-j", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
            "-T", ((int)Math.Max(1, duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            "-h", server.Host ?? "127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", server.Username ?? "postgres",
        };
        foreach (var define in defines)
        {
            arguments.AddRange(["-D", define]);
        }

        if (log is not null)
        {
            arguments.AddRange(["-l", "--log-prefix=" + log]);
        }

        arguments.Add(database);
        return Tools.RunAsync("pgbench", arguments, server.Password is { } password ? new() { ["PGPASSWORD"] = password } : null);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"number of failed transactions: ([0-9]+)")]
    private static partial Regex Failed();
}

internal static class Tools
{
    /// <summary>Installs the Debian package that holds <paramref name="command"/> when it is missing and we are root; otherwise says how.</summary>
    public static void Ensure(string command, string package)
    {
        if (OnPath(command))
        {
            return;
        }

        if (Environment.UserName == "root")
        {
            Console.WriteLine($"  installing {package} (apt-get) for {command}");
            Run("apt-get", ["update", "-qq"]);
            Run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", package]);
        }

        if (!OnPath(command))
        {
            throw new InvalidOperationException($"{command} is missing. Install it first: sudo apt-get install -y {package}");
        }
    }

    public static async Task<string> RunAsync(string command, IEnumerable<string> arguments, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }

        return await output + await errors;
    }

    private static void Run(string command, string[] arguments)
    {
        var start = new ProcessStartInfo(command) { UseShellExecute = false };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, command)));
}
