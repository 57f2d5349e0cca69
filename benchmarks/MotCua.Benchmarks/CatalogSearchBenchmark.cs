using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MotCua.Web;
using MotCua.Web.Catalog;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Benchmarks;

/// <summary>
/// Public search over a generated catalog (5,000 procedures on top of the demo ones, SQLite in a temporary
/// folder): 16 clients send searches without diacritics, with and without filters, for a bounded time. The
/// server time of each request is measured inside the app (a middleware around the whole pipeline); the
/// median and the 95th percentile are printed. The goal is a median of at most 20 ms.
/// </summary>
internal static class CatalogSearchBenchmark
{
    private static readonly string[] Queries =
    [
        "dang ky", "khai sinh", "dang ky ket hon", "chung thuc ban sao", "giay phep xay dung", "ho kinh doanh", "cap lai giay chung nhan",
        "tro cap", "dat dai", "hoa giai", "xac nhan", "thay doi", "", "tam ngung", "van hoa", "giao duc mam non",
    ];

    private static readonly string[] Filters = ["", "&level=Commune", "&level=District", "&domain=HT", "&online=Full", "&unitCode=000.00.71.H50", "&page=2"];

    public static async Task RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000;
        var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
        // WebApplicationFactory finds MotCua.Web's content root through the manifest next to this program.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var directory = Path.Combine(Path.GetTempPath(), "motcua-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var timings = new ConcurrentBag<double>();
        try
        {
            await using var app = new BenchmarkHost(directory, timings);
            var stopwatch = Stopwatch.StartNew();
            await GenerateAsync(app.Services, count);
            Console.WriteLine($"Generated {count.ToString("N0", Vi)} procedures in {stopwatch.Elapsed.TotalSeconds.ToString("N1", Vi)} s");

            await LoadAsync(app, TimeSpan.FromSeconds(3), clients);
            timings.Clear();
            var requests = await LoadAsync(app, TimeSpan.FromSeconds(seconds), clients);
            var sorted = timings.Order().ToArray();
            Console.WriteLine($"Catalog search: {clients} clients, {seconds} s, {requests.ToString("N0", Vi)} requests ({(requests / (double)seconds).ToString("N0", Vi)}/s)");
            Console.WriteLine($"Server time: median {Percentile(sorted, 0.50).ToString("N2", Vi)} ms, p95 {Percentile(sorted, 0.95).ToString("N2", Vi)} ms, max {sorted[^1].ToString("N2", Vi)} ms (goal: median ≤ 20 ms)");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static CultureInfo Vi => CultureInfo.GetCultureInfo("vi-VN");

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];

    private static async Task<int> LoadAsync(BenchmarkHost app, TimeSpan duration, int clients)
    {
        var until = DateTime.UtcNow + duration;
        var total = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            using var http = app.CreateClient();
            var random = new Random(client);
            var sent = 0;
            while (DateTime.UtcNow < until)
            {
                var url = "/api/v1/procedures?q=" + Uri.EscapeDataString(Queries[random.Next(Queries.Length)]) + Filters[random.Next(Filters.Length)];
                using var response = await http.GetAsync(url);
                response.EnsureSuccessStatusCode();
                sent++;
            }

            Interlocked.Add(ref total, sent);
        }));
        return total;
    }

    /// <summary>Procedures with names made of real procedure words, each with a published version, a time, two
    /// components and a fee, provided by one or two demo communes.</summary>
    private static async Task GenerateAsync(IServiceProvider services, int count)
    {
        string[] verbs = ["Đăng ký", "Cấp", "Cấp lại", "Cấp đổi", "Điều chỉnh", "Gia hạn", "Xác nhận", "Thẩm định", "Công nhận", "Thông báo", "Chứng thực", "Hỗ trợ"];
        string[] objects =
        [
            "giấy phép xây dựng", "hộ kinh doanh", "khai sinh", "kết hôn", "giấy chứng nhận quyền sử dụng đất", "trợ cấp xã hội", "hòa giải viên",
            "lễ hội", "gia đình văn hóa", "trường mầm non", "tình trạng hôn nhân", "bản sao hợp đồng", "giấy xác nhận khuyết tật", "hộ nghèo",
        ];
        string[] tails = ["", " có yếu tố nước ngoài", " cho tổ chức", " cho cá nhân", " trong trường hợp bị mất", " lần đầu", " (cấp xã)", " (cấp tỉnh)"];
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var domains = await db.Domains.ToListAsync();
        var province = await db.Units.SingleAsync(u => u.Code == "000.00.00.H50");
        var communes = await db.Units.Where(u => u.Kind == UnitKind.Commune).ToListAsync();
        var random = new Random(2026);
        var now = DateTime.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var domain = domains[random.Next(domains.Count)];
            var name = verbs[random.Next(verbs.Length)] + " " + objects[random.Next(objects.Length)] + tails[random.Next(tails.Length)] + " " + (i + 1).ToString(CultureInfo.InvariantCulture);
            var level = (UnitLevel)random.Next(3);
            var content = new ProcedureContent(name, level, domain.Code, "UBND cấp xã", "Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.", "Quyết định", "", "Nghị định 118/2025/NĐ-CP",
                (OnlineMode)random.Next(3), true, true, MotCua.Web.Dossiers.SupplementRule.Restart, false,
                [new ProcedureContent.Time(Channel.Counter, 1 + random.Next(20), TimeUnit.WorkingDays, null)],
                [new ProcedureContent.Fee(FeeKind.LePhi, "Lệ phí", random.Next(5) * 10_000, null)],
                [new ProcedureContent.Component("Tờ khai", 1, 0, 0), new ProcedureContent.Component("Giấy tờ tùy thân", 0, 1, 0)]);
            var procedure = new Procedure { Code = $"9.{i:000000}", OwnerUnitId = province.Id };
            var draft = procedure.StartDraft();
            draft.Edit(content, domain, procedure.Code);
            procedure.Publish(draft, new DateOnly(2024, 1, 1), now);
            db.Procedures.Add(procedure);
            if (i % 500 == 499)
            {
                await db.SaveChangesAsync();
                var ids = await db.Procedures.Where(p => p.Code.StartsWith("9.")).OrderByDescending(p => p.Id).Take(500).Select(p => p.Id).ToListAsync();
                db.ProcedureProviders.AddRange(ids.Select(id => new ProcedureProvider { ProcedureId = id, UnitId = communes[random.Next(communes.Count)].Id }));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                db.Domains.AttachRange(domains);
            }
        }

        await db.SaveChangesAsync();
    }

    /// <summary>The whole app in process, on SQLite, with a middleware that times each request on the server.</summary>
    private sealed class BenchmarkHost(string directory, ConcurrentBag<double> timings) : WebApplicationFactory<ProcedureCatalog>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Benchmark");
            builder.UseSetting("MotCua:Database:Provider", "Sqlite");
            builder.UseSetting("MotCua:Database:DataDirectory", directory);
            builder.UseSetting("MotCua:Database:SeedDemoData", "true");
            builder.UseSetting("MotCua:RateLimits:PublicPerMinute", "100000000");
            builder.ConfigureLogging(logging => logging.ClearProviders());
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new TimingFilter(timings)));
        }
    }

    private sealed class TimingFilter(ConcurrentBag<double> timings) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate inner) =>
            {
                var started = Stopwatch.GetTimestamp();
                await inner(context);
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            });
            next(app);
        };
    }
}
