using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using MotCua.Web.Demo;
using MotCua.Web.Identity;

namespace MotCua.Benchmarks;

/// <summary>
/// The reporting outputs over a district's year (SQLite in a temporary folder): a history of 20.000 dossiers received
/// at the demo district Gio Linh from January to October 2024 (the district was abolished on 1/7/2025) is imported
/// through the API, then one supervisor asks, one request at a time, for the tracking ledger of the ten months as xlsx
/// and as a page, the period report by procedure as xlsx, the dashboard and the Decision 766 score. The wall time of
/// each request (median and worst of five, after one warm-up) is printed.
/// </summary>
internal static class ExportsBenchmark
{
    private const string District = "000.00.12.H50";
    private const string Period = "from=2024-01-01&to=2024-10-31";
    private static readonly string[] Procedures = ["2.000528", "1.001612", "1.004873"];

    public static async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var directory = Path.Combine(Path.GetTempPath(), "motcua-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            await using var app = new SqliteHost(directory);
            using var admin = await SignInAsync(app, "giolinh.quantri");
            var stopwatch = Stopwatch.StartNew();
            foreach (var batch in History(count).Chunk(2_000))
            {
                using var response = await admin.PostAsJsonAsync("/api/v1/imports/dossiers", new { dossiers = batch });
                if (!response.IsSuccessStatusCode)
                {
                    var problem = await response.Content.ReadAsStringAsync();
                    throw new InvalidOperationException(problem[..Math.Min(problem.Length, 500)]);
                }
            }

            Console.WriteLine($"Imported {count.ToString("N0", Vi)} dossiers in {stopwatch.Elapsed.TotalSeconds.ToString("N1", Vi)} s");
            using var supervisor = await SignInAsync(app, "giolinh.giamsat");
            await MeasureAsync(supervisor, "ledger.xlsx (10 months)", $"/api/v1/reports/ledger.xlsx?unitCode={District}&{Period}");
            await MeasureAsync(supervisor, "ledger page (10 months)", $"/backoffice/bao-cao/so-theo-doi?unitCode={District}&{Period}");
            await MeasureAsync(supervisor, "summary.xlsx by procedure", $"/api/v1/reports/summary.xlsx?unitCode={District}&{Period}&rowsBy=Procedure");
            await MeasureAsync(supervisor, "dashboard 2024", $"/backoffice/bao-cao/bang-dieu-khien?unitCode={District}&nam=2024");
            await MeasureAsync(supervisor, "decision766", $"/api/v1/reports/decision766?unitCode={District}&{Period}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static CultureInfo Vi => CultureInfo.GetCultureInfo("vi-VN");

    private static async Task MeasureAsync(HttpClient client, string name, string url)
    {
        var times = new List<double>();
        long bytes = 0;
        for (var i = 0; i < 6; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            bytes = body.Length;
            if (i > 0)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        times.Sort();
        Console.WriteLine($"{name}: median {times[2].ToString("N0", Vi)} ms, worst {times[^1].ToString("N0", Vi)} ms, {(bytes / 1024.0).ToString("N0", Vi)} KB");
    }

    private static async Task<HttpClient> SignInAsync(SqliteHost app, string userName)
    {
        var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login",
            new { userName, password = DemoSeeder.StaffPassword, code = Totp.Code(DemoSeeder.TotpSecret, DateTimeOffset.UtcNow) });
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>Weekday receipts from January to October 2024: nine in ten decided before the due date, one in twenty late,
    /// the rest still open; four in ten online.</summary>
    private static IEnumerable<object> History(int count)
    {
        var random = new Random(2024);
        var days = Enumerable.Range(0, 304).Select(i => new DateTime(2024, 1, 2).AddDays(i)).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .ToList();
        static string Iso(DateTime local) => new DateTimeOffset(local, TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            var received = days[random.Next(days.Count)].AddHours(8 + random.Next(8));
            var due = received.AddDays(7);
            var kind = random.Next(20);
            DateTime? finished = kind switch { 0 => null, 1 => due.AddDays(2), _ => received.AddDays(1 + random.Next(6)) };
            yield return new
            {
                code = $"BM-{i:000000}",
                procedureCode = Procedures[random.Next(Procedures.Length)],
                unitCode = District,
                receivingUnitCode = District,
                channel = random.Next(10) < 4 ? "Online" : "Counter",
                ownerName = "Công dân " + i.ToString(CultureInfo.InvariantCulture),
                receivedAt = Iso(received),
                dueAt = Iso(due),
                finishedAt = finished is { } f ? Iso(f) : null,
                returnedAt = finished is { } r ? Iso(r.AddHours(1)) : null,
            };
        }
    }

    private sealed class SqliteHost(string directory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Benchmark");
            builder.UseSetting("MotCua:Database:Provider", "Sqlite");
            builder.UseSetting("MotCua:Database:DataDirectory", directory);
            builder.UseSetting("MotCua:Database:SeedDemoData", "true");
            builder.UseSetting("MotCua:RateLimits:PublicPerMinute", "100000000");
            builder.UseSetting("MotCua:RateLimits:SignInPerMinute", "100000000");
            builder.ConfigureLogging(logging => logging.ClearProviders());
        }
    }
}
