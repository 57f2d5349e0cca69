using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web;
using MotCua.Web.Platform.Database;
using MotCua.Web.Reporting;
using MotCua.Web.Units;
using Npgsql;

namespace MotCua.Benchmarks;

/// <summary>
/// Issue 7's figures on PostgreSQL: a province-year of dossiers across 100 units and 8 domains, generated in SQL
/// with their fact changes, folded by the app's own fold; then the unit × domain period table for a year and a month
/// through the app's query code, beside a naive GROUP BY over the dossier table, at 1,000,000 and 10,000,000 dossiers.
/// </summary>
internal static class ReportingBenchmark
{
    private const int UnitCount = 100;
    private const int ProceduresPerDomain = 5;
    private const int Chunk = 1_000_000;
    private static readonly string[] Domains = ["HT", "CT", "TP", "HKD", "DD", "XD", "BTXH", "GD"];
    private static readonly ReportQuery Year = new(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), "000.00.00.H50");
    private static readonly ReportQuery Month = Year with { From = new DateOnly(2025, 6, 1), To = new DateOnly(2025, 6, 30) };

    /// <param name="args">The dossier counts to reach, in order (default 1000000 10000000).</param>
    public static async Task RunAsync(string[] args)
    {
        var targets = args.Length > 0 ? args.Select(a => long.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1_000_000, 10_000_000];
        await using var host = await BenchHost.StartAsync();
        var units = await CreateUnitsAsync(host);
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        long generated = 0;
        foreach (var target in targets)
        {
            var clock = Stopwatch.StartNew();
            while (generated < target)
            {
                var next = Math.Min(target, generated + Chunk);
                await ExecuteAsync(connection, Generate(units, generated, next));
                generated = next;
            }

            var generation = clock.Elapsed;
            clock.Restart();
            using (var scope = host.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
                db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
                await FoldReportFacts.FoldAsync(db, CancellationToken.None);
            }

            var fold = clock.Elapsed;
            foreach (var table in new[] { "Dossiers", "ReportFacts", "ReportFactDeltas" })
            {
                await ExecuteAsync(connection, $"VACUUM ANALYZE \"{table}\"");
            }

            var factRows = await ScalarAsync(connection, "SELECT count(*) FROM \"ReportFacts\"");
            Console.WriteLine($"{BenchHost.Number(generated)} dossiers, {UnitCount} units, {Domains.Length} domains, year 2025 (PostgreSQL)");
            Console.WriteLine($"  generated in {BenchHost.Number(generation.TotalSeconds, "N1")} s; facts folded by the app in {BenchHost.Number(fold.TotalSeconds, "N1")} s; {BenchHost.Number(factRows)} fact rows");
            foreach (var (name, query) in new[] { ("year", Year), ("month", Month) })
            {
                var (factsMs, rows, received) = await FactsAsync(host, query);
                var (naiveMs, naiveRows, naiveReceived) = await NaiveAsync(connection, query);
                Console.WriteLine($"  unit × domain, {name}: facts (app query) median {BenchHost.Number(factsMs, "N1")} ms, {rows} rows"
                    + $" | naive GROUP BY median {BenchHost.Number(naiveMs, "N1")} ms, {naiveRows} rows"
                    + $" | received {BenchHost.Number(received)} = {BenchHost.Number(naiveReceived)}: {(received == naiveReceived ? "same" : "DIFFERENT")}");
            }
        }

        Console.WriteLine("  goal: yearly table ≤ 100 ms at 1.000.000 and at most twice that at 10.000.000");
    }

    private static async Task<List<AdministrativeUnitInfo>> CreateUnitsAsync(BenchHost host)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var province = await db.Units.SingleAsync(u => u.Code == Year.UnitCode);
        for (var i = 0; i < UnitCount; i++)
        {
            var unit = new AdministrativeUnit
            {
                Code = $"{i:000}.99.00.B50",
                Name = $"Xã Đo Tải {i}",
                Kind = UnitKind.Commune,
                Level = UnitLevel.Commune,
                ValidFrom = new DateOnly(2020, 1, 1),
            };
            unit.PlaceUnder(province);
            db.Units.Add(unit);
        }

        await db.SaveChangesAsync();
        return await db.Units.Where(u => u.Code.EndsWith(".99.00.B50")).OrderBy(u => u.Code)
            .Select(u => new AdministrativeUnitInfo(u.Id, u.Code, u.Name, u.Path, u.Level, u.Kind, u.ParentId, u.SuccessorId)).ToListAsync();
    }

    /// <summary>
    /// Dossiers g in [from, to): unit g mod 100, procedure (g / 100) mod 40 of 8 domains, receipt spread over 2025, 3–15 days to
    /// decide; 85% decided (some late), 5% withdrawn, 3% stopped, the rest still open. Their fact changes are written in the same
    /// statement, with the app's meaning: open within the deadline from receipt, overdue from the day after the due date.
    /// </summary>
    private static string Generate(IReadOnlyList<AdministrativeUnitInfo> units, long from, long to)
    {
        var unitIds = string.Join(",", units.Select(u => u.Id.ToString(CultureInfo.InvariantCulture)));
        var unitPaths = string.Join(",", units.Select(u => $"'{u.Path}'"));
        var domains = string.Join(",", Domains.Select(d => $"'{d}'"));
        return $"""
            WITH gen AS (
                SELECT g, u.id AS unit, u.path, p.domain, p.code AS procedure, r AS received, r + make_interval(days => dur) AS due,
                    CASE WHEN fate < 85 THEN r + make_interval(hours => ((g * 17) % ((dur + 4) * 24))::int) WHEN fate < 93 THEN r + make_interval(hours => ((g * 5) % (dur * 24))::int) END AS ended,
                    CASE WHEN fate < 85 THEN 'Returned' WHEN fate < 90 THEN 'Withdrawn' WHEN fate < 93 THEN 'Stopped' ELSE 'Processing' END AS state,
                    CASE WHEN (g * 7) % 20 < 8 THEN 'Online' WHEN (g * 7) % 20 = 8 THEN 'Postal' ELSE 'Counter' END AS channel
                FROM generate_series({from}::bigint, {to - 1}::bigint) g
                CROSS JOIN LATERAL (SELECT TIMESTAMPTZ '2025-01-01 07:00:00+07' + make_interval(days => ((g * 7919) % 365)::int, mins => ((g * 31) % 600)::int) AS r,
                    (3 + g % 13)::int AS dur, ((g * 13) % 100)::int AS fate) x
                CROSS JOIN LATERAL (SELECT (ARRAY[{unitIds}])[1 + g % {units.Count}] AS id, (ARRAY[{unitPaths}])[1 + g % {units.Count}] AS path) u
                CROSS JOIN LATERAL (SELECT (ARRAY[{domains}])[1 + ((g / {units.Count}) % {Domains.Length * ProceduresPerDomain}) / {ProceduresPerDomain}] AS domain,
                    '9.9' || lpad((((g / {units.Count}) % {Domains.Length * ProceduresPerDomain}))::text, 5, '0') AS code) p
            ),
            days AS (
                SELECT *, (received AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS r, (due AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS d,
                    (ended AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS e FROM gen
            ),
            dossiers AS (
                INSERT INTO "Dossiers" ("Id", "Code", "Version", "State", "Channel", "ProcedureCode", "ProcedureVersionId", "ProcedureName", "DomainCode",
                    "ReceivingUnitId", "ReceivingUnitPath", "HandlingUnitId", "HandlingUnitPath", "OwnerKind", "Owner_Name", "Owner_IdType", "Owner_IdNumber",
                    "Owner_Address", "Sets", "SubmittedFromStaffSession", "CreatedAt", "SubmittedAt", "ReceivedAt", "DueAt", "OriginalDueAt", "ClosedAt",
                    "FinishedAt", "ReturnedAt", "Outcome", "TrackingSecret", "ReturnByPost", "TransferAccepted")
                SELECT gen_random_uuid(), 'BENCH-' || g, 1, state, channel, procedure, 1, 'Thủ tục đo tải', domain, unit, path, unit, path, 'Citizen',
                    'Công dân ' || g, 'CitizenId', '', '', 1, false, received, received, received, due, due, CASE WHEN state <> 'Processing' THEN ended END,
                    CASE WHEN state = 'Returned' THEN ended END, CASE WHEN state = 'Returned' THEN ended END, CASE WHEN state = 'Returned' THEN 'Result' END,
                    'BENCH', false, false
                FROM days
            )
            INSERT INTO "ReportFactDeltas" ("Day", "UnitId", "DomainCode", "ProcedureCode", "Channel", "ReceivedCounter", "ReceivedOnline", "ReceivedPostal",
                "Digitised", "ResolvedEarly", "ResolvedOnTime", "ResolvedLate", "ResultsAttached", "Refused", "Withdrawn", "Stopped", "Within", "Overdue", "Awaiting")
            SELECT day, unit, domain, procedure, channel, sum(rc), sum(ro), sum(rp), sum(ro), sum(early), sum(ontime), sum(late), 0, 0, sum(w), sum(s),
                sum(within), sum(overdue), 0
            FROM (
                SELECT r AS day, unit, domain, procedure, channel, (channel = 'Counter')::int AS rc, (channel = 'Online')::int AS ro, (channel = 'Postal')::int AS rp,
                    0 AS early, 0 AS ontime, 0 AS late, 0 AS w, 0 AS s, 1 AS within, 0 AS overdue FROM days
                UNION ALL
                SELECT d + 1, unit, domain, procedure, channel, 0, 0, 0, 0, 0, 0, 0, 0, -1, 1 FROM days WHERE e IS NULL OR e > d
                UNION ALL
                SELECT e, unit, domain, procedure, channel, 0, 0, 0, (state = 'Returned' AND e < d)::int, (state = 'Returned' AND e = d)::int,
                    (state = 'Returned' AND e > d)::int, (state = 'Withdrawn')::int, (state = 'Stopped')::int,
                    -(e <= d)::int, -(e > d)::int FROM days WHERE e IS NOT NULL
            ) changes
            GROUP BY day, unit, domain, procedure, channel
            """;
    }

    private static async Task<(double Median, int Rows, long Received)> FactsAsync(BenchHost host, ReportQuery query)
    {
        var times = new List<double>();
        List<FactSum> sums = [];
        for (var i = 0; i < 9; i++)
        {
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
            var clock = Stopwatch.StartNew();
            var selection = await UnitSelection.ResolveAsync(db, query, CancellationToken.None);
            sums = await FactSums.SumAsync(db, selection.UnitIds, query, FactGroups.Unit | FactGroups.Domain, CancellationToken.None);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return (Median(times), sums.Count, sums.Sum(s => s.ReceivedCounter + s.ReceivedOnline + s.ReceivedPostal));
    }

    /// <summary>The same table straight from the dossiers, by Vietnamese dates: a scan of every dossier received up to the period's end.</summary>
    private static async Task<(double Median, int Rows, long Received)> NaiveAsync(NpgsqlConnection connection, ReportQuery query)
    {
        var sql = $"""
            SELECT "HandlingUnitId", "DomainCode",
                count(*) FILTER (WHERE r BETWEEN @from AND @to) AS received,
                count(*) FILTER (WHERE r < @from AND (e IS NULL OR e >= @from)) AS carried,
                count(*) FILTER (WHERE "State" = 'Returned' AND e BETWEEN @from AND @to AND e < d) AS early,
                count(*) FILTER (WHERE "State" = 'Returned' AND e BETWEEN @from AND @to AND e = d) AS on_time,
                count(*) FILTER (WHERE "State" = 'Returned' AND e BETWEEN @from AND @to AND e > d) AS late,
                count(*) FILTER (WHERE (e IS NULL OR e > @to) AND d >= @to) AS within,
                count(*) FILTER (WHERE (e IS NULL OR e > @to) AND d < @to) AS overdue
            FROM (SELECT "HandlingUnitId", "DomainCode", "State", ("ReceivedAt" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS r,
                    ("OriginalDueAt" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS d, (coalesce("FinishedAt", "ClosedAt") AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS e
                  FROM "Dossiers" WHERE "ReceivedAt" IS NOT NULL) x
            WHERE r <= @to
            GROUP BY "HandlingUnitId", "DomainCode"
            """;
        var times = new List<double>();
        var rows = 0;
        long received = 0;
        for (var i = 0; i < 3; i++)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("from", query.From);
            command.Parameters.AddWithValue("to", query.To);
            var clock = Stopwatch.StartNew();
            await using var reader = await command.ExecuteReaderAsync();
            rows = 0;
            received = 0;
            while (await reader.ReadAsync())
            {
                rows++;
                received += reader.GetInt64(2);
            }

            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return (Median(times), rows, received);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
