using System.Diagnostics;
using MotCua.Web.Identity;
using Npgsql;

namespace MotCua.Benchmarks;

/// <summary>
/// Issue 6's figure on PostgreSQL: 1,000,000 dossiers over 100 communes (generated in SQL), then signed-in specialists of
/// different communes ask for the first page of their office queue (unassigned dossiers in processing, by due date)
/// through the HTTP API at once, beside the raw SQL of the same query and of the former one (a prefix scan, then a sort). Goal: median ≤ 20 ms.
/// </summary>
internal static class InboxBenchmark
{
    private const string Procedure = "1.004873";
    private const int Units = 100;

    private static int Dossiers => int.TryParse(Environment.GetEnvironmentVariable("MOTCUA_BENCH_DOSSIERS"), out var n) ? n : 1_000_000;

    public static async Task RunAsync()
    {
        var clients = InProcessLoad.Clients;
        Console.WriteLine($"Inbox (office queue, first page by due date) on PostgreSQL, {BenchHost.Number(Dossiers)} dossiers, {clients} concurrent users, "
            + $"{InProcessLoad.Duration.TotalSeconds:0} s per measure");
        await using var host = await BenchHost.StartAsync();
        var communes = new List<(int Id, string Code, string Path)>();
        for (var i = 0; i < Units; i++)
        {
            communes.Add(await host.CommuneAsync($"900.{i:00}.00.B50", Procedure));
        }

        var clock = Stopwatch.StartNew();
        await GenerateAsync(host, communes);
        Console.WriteLine($"  generated in {BenchHost.Number(clock.Elapsed.TotalSeconds, "N1")} s");

        // One specialist per commune, spread over the province.
        var offices = Enumerable.Range(0, clients).Select(i => communes[i * Units / clients]).ToList();
        var users = new List<HttpClient>();
        foreach (var office in offices)
        {
            users.Add(await host.StaffAsync(office.Id, StaffRole.Specialist));
        }

        var first = await PageAsync(users[0], "/api/v1/inbox/office?size=20");
        var second = first.Next is { } next ? (await PageAsync(users[0], next)).Rows : 0;
        Console.WriteLine($"  one office: first page {first.Rows} rows, next page by cursor {second} rows");

        await InProcessLoad.WarmUpAsync(users, (client, _) => PageAsync(client, "/api/v1/inbox/office?size=20"));
        var api = await InProcessLoad.MeasureAsync(InProcessLoad.Duration, users, (client, _) => PageAsync(client, "/api/v1/inbox/office?size=20"));
        // The same harness on the cheapest endpoints, to read the figures on a loaded machine.
        var live = await InProcessLoad.MeasureAsync(InProcessLoad.Duration, users, (client, _) => GetAsync(client, "/health/live"));
        var me = await InProcessLoad.MeasureAsync(InProcessLoad.Duration, users, (client, _) => GetAsync(client, "/api/v1/auth/me"));
        var raw = await InProcessLoad.RawAsync(host, InProcessLoad.Duration, (connection, i) => QueryAsync(connection, Sql, offices[i % clients].Path));
        var prefix = await InProcessLoad.RawAsync(host, InProcessLoad.Duration, (connection, i) => QueryAsync(connection, PrefixSql, offices[i % clients].Path + "%"));
        Print("office queue via HTTP API", api);
        Print("raw SQL of the same query", raw);
        Print("raw SQL, one prefix scan", prefix);
        Print("/health/live (no database)", live);
        Print("/api/v1/auth/me (session)", me);
        Console.WriteLine($"  median {BenchHost.Number(api.P50, "N2")} ms  (goal ≤ 20 ms)");
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + Sql, connection);
        explain.Parameters.AddWithValue(offices[0].Path);
        Console.WriteLine("  plan:");
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine("    " + reader.GetString(0));
        }
    }

    private static void Print(string name, InProcessLoad.Result result) =>
        Console.WriteLine($"  {name,-28} {BenchHost.Number(result.PerSecond),8} req/s  median {BenchHost.Number(result.P50, "N2")} ms  p95 {BenchHost.Number(result.P95, "N2")} ms  "
            + $"p99 {BenchHost.Number(result.P99, "N2")} ms  ({BenchHost.Number(result.Count)} in {BenchHost.Number(result.Seconds, "N1")} s)"
            + $"  CPU {BenchHost.Number(result.CpuMs, "N2")} ms/req");

    private static async Task GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<(int Rows, string? Next)> PageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        using var json = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        var next = json.RootElement.GetProperty("next").GetString();
        return (json.RootElement.GetProperty("items").GetArrayLength(), next is null ? null : "/api/v1/inbox/office?size=20&after=" + Uri.EscapeDataString(next));
    }

    /// <summary>
    /// What the API's query asks, as EF Core writes it for one commune: the queue of the steps the unit itself does, in due
    /// order (a commune without offices has no unit below it, so no second part is asked).
    /// </summary>
    private const string Sql = """
        SELECT d."Id", d."Code", d."ProcedureCode", d."ProcedureName", d."Owner_Name", d."State", d."DueAt", d."CurrentStep", d."AssigneeId",
            d."HandlingUnitId", d."HandlingUnitPath", d."TransferUnitPath", d."TransferAccepted"
        FROM "Dossiers" AS d
        WHERE d."DueAt" IS NOT NULL AND d."State" IN ('Received', 'Processing') AND d."State" = 'Processing' AND d."AssigneeId" IS NULL
            AND d."StepOfficePath" = $1
        ORDER BY d."DueAt", d."Code"
        LIMIT 21
        """;

    /// <summary>The query before issue 6's work, for comparison: one prefix scan of the subtree, all of its queue sorted for one page.</summary>
    private const string PrefixSql = """
        SELECT d."Id", d."Code", d."ProcedureName", d."Owner_Name", d."State", d."DueAt", d."CurrentStep", d."AssigneeId", d."TransferUnitPath",
            d."TransferAccepted", d."HandlingUnitPath"
        FROM "Dossiers" AS d
        WHERE d."DueAt" IS NOT NULL AND d."State" IN ('Received', 'Processing') AND d."State" = 'Processing' AND d."AssigneeId" IS NULL
            AND d."StepOfficePath" LIKE $1
        ORDER BY d."DueAt", d."Code"
        LIMIT 21
        """;

    private static async Task QueryAsync(NpgsqlConnection connection, string sql, params string[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.AddWithValue(value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    }

    /// <summary>
    /// 1,000,000 dossiers in one statement: 70% returned, 15% in processing (half of them unassigned), 3% received,
    /// 2% awaiting a supplement, the rest processed, refused, withdrawn or stopped; 60% online, 30% at the counter,
    /// 10% by post; open dossiers received in the last 60 days and due 3–17 days later (some overdue), closed ones over two years.
    /// </summary>
    private static async Task GenerateAsync(BenchHost host, IReadOnlyList<(int Id, string Code, string Path)> communes)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using (var units = new NpgsqlCommand("CREATE TEMP TABLE bench_units (idx int, id int, path text)", connection))
        {
            await units.ExecuteNonQueryAsync();
        }

        for (var i = 0; i < communes.Count; i++)
        {
            await using var add = new NpgsqlCommand("INSERT INTO bench_units VALUES ($1, $2, $3)", connection);
            add.Parameters.AddWithValue(i);
            add.Parameters.AddWithValue(communes[i].Id);
            add.Parameters.AddWithValue(communes[i].Path);
            await add.ExecuteNonQueryAsync();
        }

        await using var generate = new NpgsqlCommand($"""
            INSERT INTO "Dossiers" ("Id", "Code", "Version", "State", "Channel", "ProcedureCode", "ProcedureVersionId", "ProcedureName", "DomainCode",
                "ReceivingUnitId", "ReceivingUnitPath", "HandlingUnitId", "HandlingUnitPath", "OwnerKind", "Owner_Name", "Owner_IdType", "Owner_IdNumber",
                "Owner_Address", "Owner_Phone", "Sets", "SubmittedFromStaffSession", "CreatedAt", "ReceivedAt", "DueAt", "OriginalDueAt", "ClosedAt",
                "FinishedAt", "TrackingSecret", "ReturnByPost", "TransferAccepted", "CurrentStep", "AssigneeId", "StepOfficePath")
            SELECT gen_random_uuid(), 'BENCH-' || lpad(g.i::text, 7, '0'), 1, g.state, g.channel, '{Procedure}', 1,
                'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân', 'HT', u.id, u.path, u.id, u.path, 'Citizen', 'Nguyễn Văn ' || g.i, 'CitizenId',
                lpad(g.i::text, 12, '0'), 'Thôn ' || (g.i % 50) || ', xã Gio Linh, tỉnh Quảng Trị', '09' || lpad((g.i % 100000000)::text, 8, '0'), 1, false,
                g.received, g.received, g.received + ((g.i % 15) + 3) * interval '1 day', g.received + ((g.i % 15) + 3) * interval '1 day',
                CASE WHEN g.closed THEN g.received + interval '5 days' END, CASE WHEN g.closed THEN g.received + interval '4 days' END,
                'ABCDEFGH', false, false, CASE WHEN g.state = 'Processing' THEN 1 END,
                CASE WHEN g.state = 'Processing' AND g.i % 2 = 0 THEN gen_random_uuid() END, CASE WHEN g.state = 'Processing' THEN u.path END
            FROM (
                SELECT i, CASE WHEN r < 70 THEN 'Returned' WHEN r < 85 THEN 'Processing' WHEN r < 88 THEN 'Received' WHEN r < 90 THEN 'AwaitingSupplement'
                        WHEN r < 94 THEN 'Processed' WHEN r < 96 THEN 'Refused' WHEN r < 98 THEN 'Withdrawn' ELSE 'Stopped' END AS state,
                    CASE WHEN i % 10 < 6 THEN 'Online' WHEN i % 10 < 9 THEN 'Counter' ELSE 'Postal' END AS channel,
                    r < 70 OR r >= 94 AS closed,
                    CASE WHEN r >= 70 AND r < 90 THEN now() - ((i * 37) % 5760) * interval '15 minutes'
                        ELSE now() - interval '60 days' - ((i * 37) % 70080) * interval '15 minutes' END AS received,
                    (i / 100) % {Units} AS unit
                FROM (SELECT i, (i * 7919) % 100 AS r FROM generate_series(1::bigint, {Dossiers}) i) s
            ) g JOIN bench_units u ON u.idx = g.unit
            """, connection) { CommandTimeout = 0 };
        await generate.ExecuteNonQueryAsync();
        await using var vacuum = new NpgsqlCommand("""VACUUM ANALYZE "Dossiers" """, connection) { CommandTimeout = 0 };
        await vacuum.ExecuteNonQueryAsync();
    }
}
