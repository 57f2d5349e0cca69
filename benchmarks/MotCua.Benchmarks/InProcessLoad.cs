using System.Diagnostics;
using Npgsql;

namespace MotCua.Benchmarks;

/// <summary>
/// Load from HttpClients and Npgsql connections inside the benchmark process, beside the app on Kestrel (<see cref="BenchHost"/>).
/// The clients share the cores with the server they measure; the intake benchmark loads its server from outside instead.
/// </summary>
internal static class InProcessLoad
{
    internal static readonly int Clients = int.TryParse(Environment.GetEnvironmentVariable("MOTCUA_BENCH_CLIENTS"), out var c) ? c : 16;

    internal static TimeSpan Duration => TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("MOTCUA_BENCH_SECONDS"), out var s) ? s : 10);

    /// <summary>A measure's throughput and latency, and what one operation cost this process (server and clients, not PostgreSQL).</summary>
    internal sealed record Result(long Count, double Seconds, double P50, double P95, double P99, double CpuMs, double AllocatedKb, int Gen0Collections)
    {
        public double PerSecond => Count / Seconds;
    }

    /// <summary>
    /// Runs the load until the JIT has settled. Tiered compilation recompiles hot methods in the background, in several
    /// rounds with dynamic PGO; until it is done, the server shares its processor with the compiler and is not measured as
    /// it runs in production.
    /// </summary>
    internal static async Task WarmUpAsync<T>(IReadOnlyList<T> clients, Func<T, int, Task> operation)
    {
        var clock = Stopwatch.StartNew();
        long compiled;
        do
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await MeasureAsync(TimeSpan.FromSeconds(5), clients, operation);
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
            Console.WriteLine($"  warm-up {BenchHost.Number(clock.Elapsed.TotalSeconds, "N0")} s: {BenchHost.Number(compiled)} methods compiled in the last 5 s");
        }
        while (compiled > 50 && clock.Elapsed < TimeSpan.FromMinutes(3));
    }

    internal static async Task<Result> MeasureAsync<T>(TimeSpan duration, IReadOnlyList<T> clients, Func<T, int, Task> operation)
    {
        var latencies = new List<double>[clients.Count];
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var collections = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, index) => Task.Run(async () =>
        {
            var mine = latencies[index] = [];
            var i = index;
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                await operation(client, i);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                i += clients.Count;
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var count = Math.Max(1, all.Length);
        return new Result(all.Length, seconds, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99),
            (process.TotalProcessorTime - cpu).TotalMilliseconds / count, (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / count,
            GC.CollectionCount(0) - collections);
    }

    internal static async Task<Result> RawAsync(BenchHost host, TimeSpan duration, Func<NpgsqlConnection, int, Task> operation)
    {
        var connections = new List<NpgsqlConnection>();
        for (var i = 0; i < Clients; i++)
        {
            var connection = new NpgsqlConnection(host.ConnectionString);
            await connection.OpenAsync();
            connections.Add(connection);
        }

        try
        {
            await MeasureAsync(TimeSpan.FromSeconds(1), connections, operation);
            return await MeasureAsync(duration, connections, operation);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
