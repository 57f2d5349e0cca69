using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace MotCua.Benchmarks;

/// <summary>
/// Issue 5's figures on PostgreSQL: intake through the HTTP API at 16 concurrent clients (16 commune
/// desks) beside raw Npgsql INSERTs of an equivalent row, then public tracking look-ups at 16 clients and
/// at one client per core beside a raw SELECT by the unique code, all in the same run.
/// </summary>
internal static class IntakeBenchmark
{
    internal static readonly int Clients = int.TryParse(Environment.GetEnvironmentVariable("MOTCUA_BENCH_CLIENTS"), out var c) ? c : 16;
    private const string Procedure = "1.004873";

    internal static TimeSpan Duration => TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("MOTCUA_BENCH_SECONDS"), out var s) ? s : 10);

    public static async Task RunAsync()
    {
        Console.WriteLine($"Intake and tracking on PostgreSQL, {Clients} concurrent clients, {Duration.TotalSeconds:0} s per measure");
        await using var host = await BenchHost.StartAsync();
        var desks = new List<HttpClient>();
        for (var i = 0; i < Clients; i++)
        {
            desks.Add((await host.DeskAsync(Procedure)).Client);
        }

        var tracked = new System.Collections.Concurrent.ConcurrentBag<(string Code, string Check)>();
        await WarmUpAsync(desks, (client, _) => IntakeAsync(client, tracked));
        var intake = await MeasureAsync(Duration, desks, (client, _) => IntakeAsync(client, tracked));
        var insert = await RawAsync(host, Duration, InsertAsync, setUp: CreateTableAsync);
        // What this harness gives a request that does nothing: the floor under every HTTP figure here.
        var noop = await MeasureAsync(Duration, desks, async (client, _) => (await client.GetAsync("/health/live")).EnsureSuccessStatusCode().Dispose());
        Print("intake via HTTP API", intake, "dossiers/s");
        Print("raw Npgsql INSERT", insert, "rows/s");
        Print("no-op request (/health/live)", noop, "requests/s");
        Console.WriteLine($"  intake / raw insert: {BenchHost.Number(100.0 * intake.PerSecond / insert.PerSecond, "N1")}%  (goal ≥ 1.000 dossiers/s and ≥ 30%)");

        var codes = tracked.ToArray();
        var anonymous = Enumerable.Range(0, Clients).Select(_ => host.NewClient()).ToList();
        await WarmUpAsync(anonymous, (client, i) => TrackAsync(client, codes[i % codes.Length]));
        var tracking = await MeasureAsync(Duration, anonymous, (client, i) => TrackAsync(client, codes[i % codes.Length]));

        // The same look-ups with one client per core: the latency when the clients do not also take the server's CPU.
        var perCore = anonymous.Take(Math.Min(Environment.ProcessorCount, anonymous.Count)).ToList();
        var unloaded = await MeasureAsync(Duration, perCore, (client, i) => TrackAsync(client, codes[i % codes.Length]));
        var select = await RawAsync(host, Duration, (connection, i) => SelectAsync(connection, codes[i % codes.Length].Code));
        Print("tracking via HTTP API", tracking, "look-ups/s");
        Print($"tracking, {perCore.Count} client(s)", unloaded, "look-ups/s");
        Print("raw SELECT by code", select, "rows/s");
        Console.WriteLine($"  tracking p99: {BenchHost.Number(tracking.P99, "N2")} ms at {anonymous.Count} clients, "
            + $"{BenchHost.Number(unloaded.P99, "N2")} ms at {perCore.Count}  (goal ≤ 10 ms)");
    }

    // Every desk sends the same dossier: its body is serialised once, as a load generator would, so that the clients sharing
    // the server's cores spend as little of them as they can.
    private static readonly byte[] IntakeBody = JsonSerializer.SerializeToUtf8Bytes(new
    {
        procedureCode = Procedure,
        owner = new { name = "Nguyễn Thị Hằng", idType = "CitizenId", idNumber = "045190001234", address = "Thôn Hà Thượng, xã Gio Linh, tỉnh Quảng Trị", phone = "0912345678" },
        components = new[] { new { name = "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", originals = 1, certifiedCopies = 0, copies = 0 } },
    });

    private sealed record Received(string Code, string TrackingSecret);

    private static async Task IntakeAsync(HttpClient client, System.Collections.Concurrent.ConcurrentBag<(string, string)> tracked)
    {
        using var body = new ByteArrayContent(IntakeBody);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync("/api/v1/dossiers", body);
        response.EnsureSuccessStatusCode();
        var received = (await response.Content.ReadFromJsonAsync<Received>(JsonSerializerOptions.Web))!;
        tracked.Add((received.Code, received.TrackingSecret));
    }

    private static async Task TrackAsync(HttpClient client, (string Code, string Check) dossier)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/tracking", new { code = dossier.Code, check = dossier.Check });
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task CreateTableAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("""
            CREATE TABLE IF NOT EXISTS bench_dossiers (
                id uuid PRIMARY KEY, code varchar(60) NOT NULL UNIQUE, procedure_code varchar(60) NOT NULL, procedure_name varchar(500) NOT NULL,
                state varchar(30) NOT NULL, channel varchar(10) NOT NULL, owner_name varchar(200) NOT NULL, owner_id varchar(30) NOT NULL,
                owner_address varchar(300) NOT NULL, owner_phone varchar(20), receiving_unit_path varchar(400) NOT NULL,
                handling_unit_path varchar(400) NOT NULL, received_at timestamptz NOT NULL, due_at timestamptz NOT NULL, tracking_secret varchar(20) NOT NULL)
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task InsertAsync(NpgsqlConnection connection, int i)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO bench_dossiers VALUES ($1, $2, '1.004873', 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân', 'Received', 'Counter',
                'Nguyễn Thị Hằng', '045190001234', 'Thôn Hà Thượng, xã Gio Linh, tỉnh Quảng Trị', '0912345678',
                '/000.00.00.H50/000.00.71.H50/', '/000.00.00.H50/000.00.71.H50/', now(), now() + interval '3 days', 'ABCDEFGH')
            """, connection);
        var id = Guid.CreateVersion7();
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(id.ToString("N"));
        await command.ExecuteNonQueryAsync();
    }

    private static async Task SelectAsync(NpgsqlConnection connection, string code)
    {
        await using var command = new NpgsqlCommand("""SELECT "Id", "State", "DueAt", "TrackingSecret" FROM "Dossiers" WHERE "Code" = $1""", connection);
        command.Parameters.AddWithValue(code);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    }

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

    internal static async Task<Result> RawAsync(BenchHost host, TimeSpan duration, Func<NpgsqlConnection, int, Task> operation, Func<NpgsqlConnection, Task>? setUp = null)
    {
        var connections = new List<NpgsqlConnection>();
        for (var i = 0; i < Clients; i++)
        {
            var connection = new NpgsqlConnection(host.ConnectionString);
            await connection.OpenAsync();
            connections.Add(connection);
        }

        if (setUp is not null)
        {
            await setUp(connections[0]);
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

    internal static void Print(string name, Result result, string unit) =>
        Console.WriteLine($"  {name,-28} {BenchHost.Number(result.PerSecond),10} {unit,-12} p50 {BenchHost.Number(result.P50, "N2")} ms  p99 {BenchHost.Number(result.P99, "N2")} ms  ({BenchHost.Number(result.Count)} in {BenchHost.Number(result.Seconds, "N1")} s)"
        + $"  CPU {BenchHost.Number(result.CpuMs, "N2")} ms/op, {BenchHost.Number(result.AllocatedKb, "N0")} KB/op, {BenchHost.Number(result.Gen0Collections)} gen0 GCs");
}
