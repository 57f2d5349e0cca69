using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using Npgsql;

namespace MotCua.Benchmarks;

/// <summary>
/// Issue 15's figures on PostgreSQL with fsync on. The app runs in its own process (<see cref="ServerProcess"/>) and wrk loads
/// it from outside: intake at one agency and spread over 16, beside the intake's own transaction replayed by pgbench (the
/// physical limit of the design), then public tracking beside its raw SELECT, and /health/live as the machine's reference.
/// </summary>
internal static partial class IntakeBenchmark
{
    private const string Procedure = "1.004873";
    private const string Province = "000.00.00.H50";
    private const string Password = "Bench-Intake-2026!";
    private const int Agencies = 16;

    private static int Connections => int.TryParse(Environment.GetEnvironmentVariable("MOTCUA_BENCH_CLIENTS"), out var c) ? c : 16;
    private static TimeSpan Duration => TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("MOTCUA_BENCH_SECONDS"), out var s) ? s : 10);

    // The dossier every desk sends, serialised once: the load generator sends it as it is.
    private static readonly string IntakeBody = JsonSerializer.Serialize(new
    {
        procedureCode = Procedure,
        owner = new { name = "Nguyễn Thị Hằng", idType = "CitizenId", idNumber = "045190001234", address = "Thôn Hà Thượng, xã Gio Linh, tỉnh Quảng Trị", phone = "0912345678" },
        components = new[] { new { name = "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", originals = 1, certifiedCopies = 0, copies = 0 } },
    });

    // The tracking look-up's own SQL, as the app sends it (TrackDossier's compiled query).
    private const string TrackingSql = """
        SELECT d."Code", d."ProcedureName", d."State", d."Channel", d."ReceivedAt", d."DueAt", d."TrackingSecret", d."Owner_Phone", d."Owner_IdNumber", a."OccurredAt", a."Action"
        FROM "Dossiers" AS d
        LEFT JOIN "AuditEvents" AS a ON 'Dossier:' || lower(d."Id"::text) = a."StreamId"
        WHERE d."Code" = {0}
        ORDER BY a."Sequence";
        """;

    public static async Task RunAsync()
    {
        Wrk.EnsureInstalled();
        PgBench.EnsureInstalled();
        var work = Directory.CreateTempSubdirectory("motcua-intake-");
        try
        {
            await using var server = await ServerProcess.StartAsync(work.FullName);
            await RunAsync(server, work.FullName);
        }
        finally
        {
            // MOTCUA_BENCH_KEEP=1 keeps the Lua and SQL scripts and the app's log for a look.
            if (Environment.GetEnvironmentVariable("MOTCUA_BENCH_KEEP") == "1")
            {
                Console.WriteLine($"  scripts and the app's log kept in {work.FullName}");
            }
            else
            {
                work.Delete(recursive: true);
            }
        }
    }

    private static async Task RunAsync(ServerProcess server, string work)
    {
        var connections = Connections;
        string version, fsync;
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            version = connection.PostgreSqlVersion.ToString();
            await using var command = new NpgsqlCommand("SHOW fsync", connection);
            fsync = (string)(await command.ExecuteScalarAsync())!;
        }

        Console.WriteLine($"Intake and tracking on PostgreSQL {version} (fsync {fsync}); the app in its own process (dotnet MotCua.Web.dll, "
            + $"{ServerProcess.Configuration}, Production); wrk and pgbench at {connections} connections, {Duration.TotalSeconds:0} s per measure");

        // 16 communes providing the procedure, made through the admin API: the first with a desk officer per connection, the
        // others with one each. Every officer enrols an authenticator and signs in with it, as production asks of staff.
        var clock = Stopwatch.StartNew();
        using var admin = await SignInAsync(server, "sysadmin", DemoSeeder.StaffPassword, DemoSeeder.TotpSecret);
        var agencies = new List<(string Code, int Id)>();
        var desks = new List<List<string>>();
        for (var i = 0; i < Agencies; i++)
        {
            var code = $"000.{60 + i:00}.00.H50";
            (await admin.Client.PostAsJsonAsync("/api/v1/units", new
            {
                code,
                name = $"Xã Đo Tải {i + 1}",
                kind = "Commune",
                level = "Commune",
                parentCode = Province,
                validFrom = "2020-01-01",
            })).EnsureSuccessStatusCode();
            (await admin.Client.PutAsync($"/api/v1/catalog/procedures/{Procedure}/providers/{code}", null)).EnsureSuccessStatusCode();
            agencies.Add((code, await UnitIdAsync(server, code)));
            var cookies = new List<string>();
            for (var j = 0; j < (i == 0 ? connections : 1); j++)
            {
                cookies.Add(await DeskOfficerAsync(server, admin.Client, code));
            }

            desks.Add(cookies);
        }

        Console.WriteLine($"  set-up: {Agencies} communes and {desks.Sum(d => d.Count)} desk officers through the API in {BenchHost.Number(clock.Elapsed.TotalSeconds, "N0")} s");

        // One intake at a commune that has none yet gives the rows of the raw transaction.
        var raw = await SampleAsync(server, desks[^1][0], agencies[^1].Code);
        Console.WriteLine($"  one intake writes: {raw.Summary}");

        var oneAgency = await CookiesAsync(work, "one-agency", desks[0]);
        var spread = await CookiesAsync(work, "agencies", Enumerable.Range(0, connections).Select(i => desks[i % Agencies][0]));
        var intakeBody = Path.Combine(work, "intake.json");
        await File.WriteAllTextAsync(intakeBody, IntakeBody + "\n");

        await Wrk.RunAsync("warm-up", server, work, "GET", "/health/live", TimeSpan.FromSeconds(5), connections);
        var live = await Wrk.RunAsync("/health/live (no database)", server, work, "GET", "/health/live", Duration, connections);

        await WarmUpAsync(server, work, connections, intakeBody, oneAgency);
        var intakeOne = await Wrk.RunAsync("intake via HTTP, 1 agency", server, work, "POST", "/api/v1/dossiers", Duration, connections, intakeBody, oneAgency);
        await Wrk.RunAsync("warm-up", server, work, "POST", "/api/v1/dossiers", TimeSpan.FromSeconds(5), connections, intakeBody, spread);
        var intakeSpread = await Wrk.RunAsync($"intake via HTTP, {Math.Min(connections, Agencies)} agencies", server, work, "POST", "/api/v1/dossiers",
            Duration, connections, intakeBody, spread);

        var rawOne = await PgBench.RunAsync("raw transaction, 1 agency", server.Database, work, raw.Build(agencies[..1]), Duration, connections);
        var rawSpread = await PgBench.RunAsync($"raw transaction, {Math.Min(connections, Agencies)} agencies", server.Database, work,
            raw.Build(agencies), Duration, connections);
        var rawLocked = await PgBench.RunAsync("raw, lock through the flush, 1 agency", server.Database, work,
            raw.Build(agencies[..1], lockThroughFlush: true), Duration, connections);

        var tracked = Path.Combine(work, "tracking.json");
        await File.WriteAllLinesAsync(tracked, await TrackingBodiesAsync(server));
        await Wrk.RunAsync("warm-up", server, work, "POST", "/api/v1/tracking", TimeSpan.FromSeconds(10), connections, tracked);
        var tracking = await Wrk.RunAsync("tracking via HTTP", server, work, "POST", "/api/v1/tracking", Duration, connections, tracked);
        var select = await PgBench.RunAsync("raw tracking SELECT", server.Database, work, await TrackingScriptAsync(server, agencies[0].Code), Duration, connections);

        Console.WriteLine();
        Console.WriteLine($"  {"measure",-34} {"per second",10} {"p50 ms",8} {"p99 ms",8} {"count",10} {"failed",7} {"socket errors",13} {"app CPU ms/op",13}");
        foreach (var measure in new[] { live, intakeOne, intakeSpread, rawOne, rawSpread, rawLocked, tracking, select })
        {
            Console.WriteLine($"  {measure.Name,-34} {BenchHost.Number(measure.PerSecond),10} {BenchHost.Number(measure.P50Ms, "N2"),8} {BenchHost.Number(measure.P99Ms, "N2"),8} "
                + $"{BenchHost.Number(measure.Count),10} {BenchHost.Number(measure.Failed),7} {BenchHost.Number(measure.SocketErrors),13} "
                + $"{(measure.ServerCpuMs is { } cpu ? BenchHost.Number(cpu, "N2") : "–"),13}");
        }

        Console.WriteLine("  (failed: answers outside 2xx for wrk, failed transactions for pgbench; app CPU: the app's process only)");
        Console.WriteLine($"  intake / raw transaction: 1 agency {Percent(intakeOne, rawOne)}, {Math.Min(connections, Agencies)} agencies {Percent(intakeSpread, rawSpread)}  (goal ≥ 80%, 0 failed)");
        Console.WriteLine($"  one agency's limit: {BenchHost.Number(rawOne.PerSecond)}/s with the asynchronous commit, {BenchHost.Number(rawLocked.PerSecond)}/s with the counter row locked through the flush  (goal ≥ 1.500/s)");
        Console.WriteLine($"  tracking p99 {BenchHost.Number(tracking.P99Ms, "N2")} ms at {connections} connections  (goal ≤ 10 ms)");
        var (errors, first) = server.Errors;
        Console.WriteLine($"  the app logged {BenchHost.Number(errors)} errors{(first is null ? "" : "; the first: " + first)}");
    }

    private static string Percent(Measure http, Measure raw) => BenchHost.Number(100 * http.PerSecond / raw.PerSecond, "N1") + "%";

    /// <summary>
    /// Runs the intake load in 5-second rounds for at least 30 s, and on until two rounds agree within 10% (at most 3 minutes).
    /// Under load, tiered compilation with dynamic PGO keeps recompiling hot methods for a minute or more on two cores, and
    /// the server runs several times slower meanwhile; the app's processor time per intake shows it settle.
    /// </summary>
    private static async Task WarmUpAsync(ServerProcess server, string work, int connections, string body, string cookies)
    {
        var clock = Stopwatch.StartNew();
        double previous = 0;
        while (true)
        {
            var round = await Wrk.RunAsync("warm-up", server, work, "POST", "/api/v1/dossiers", TimeSpan.FromSeconds(5), connections, body, cookies);
            Console.WriteLine($"  warm-up {BenchHost.Number(clock.Elapsed.TotalSeconds)} s: {BenchHost.Number(round.PerSecond)} intakes/s, "
                + $"app CPU {BenchHost.Number(round.ServerCpuMs ?? 0, "N2")} ms/intake, {BenchHost.Number(round.Failed)} failed");
            var stable = previous > 0 && Math.Abs(round.PerSecond - previous) <= 0.1 * previous;
            if ((stable && clock.Elapsed >= TimeSpan.FromSeconds(30)) || clock.Elapsed >= TimeSpan.FromMinutes(3))
            {
                return;
            }

            previous = round.PerSecond;
        }
    }

    private sealed record Received(Guid Id, string Code, string TrackingSecret);

    private static async Task<RawIntakeScript> SampleAsync(ServerProcess server, string cookie, string agency)
    {
        for (var attempt = 0; ; attempt++)
        {
            var factsBefore = await RawIntakeScript.LastFactIdAsync(server.ConnectionString);
            using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = server.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dossiers") { Content = new StringContent(IntakeBody, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("Cookie", cookie);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var received = (await response.Content.ReadFromJsonAsync<Received>(JsonSerializerOptions.Web))!;
            var script = await RawIntakeScript.CaptureAsync(server.ConnectionString, received.Id, received.Code, agency, factsBefore);
            // The app folds report facts away every minute; if that came between the intake and the read, take another.
            if (script.HasAllRows || attempt == 3)
            {
                return script;
            }
        }
    }

    private sealed record Session(HttpClient Client, CookieContainer Cookies) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }

    /// <summary>Signs in; with <paramref name="nextStep"/>, with the authenticator code of the next 30-second step, which the
    /// server accepts (one step of drift) when this step's code was just used to enrol: each code is accepted once.</summary>
    private static async Task<Session> SignInAsync(ServerProcess server, string userName, string password, string? totpSecret, bool nextStep = false)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies }) { BaseAddress = server.BaseAddress };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new
        {
            userName,
            password,
            code = totpSecret is null ? null : Totp.Code(totpSecret, DateTimeOffset.UtcNow.AddSeconds(nextStep ? 30 : 0)),
        });
        login.EnsureSuccessStatusCode();
        return new Session(client, cookies);
    }

    /// <summary>A desk officer of the unit, made by the administrator, who enrols an authenticator; its signed-in session cookie.</summary>
    private static async Task<string> DeskOfficerAsync(ServerProcess server, HttpClient admin, string unitCode)
    {
        var userName = "bench" + Guid.NewGuid().ToString("N")[..10];
        (await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName,
            fullName = "Cán bộ đo tải " + unitCode,
            password = Password,
            roles = new[] { new { role = nameof(StaffRole.DeskOfficer), unitCode } },
        })).EnsureSuccessStatusCode();

        // First sign-in: password only, then the authenticator set-up page.
        using (var first = await SignInAsync(server, userName, Password, null))
        {
            var page = await first.Client.GetStringAsync("/account/setup-authenticator");
            var secret = Secret().Match(page).Groups[1].Value;
            var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Code"] = Totp.Code(secret, DateTimeOffset.UtcNow),
                ["__RequestVerificationToken"] = token,
            });
            var enrolled = await first.Client.PostAsync("/account/setup-authenticator", form);
            enrolled.EnsureSuccessStatusCode();
            var text = await enrolled.Content.ReadAsStringAsync();
            if (!text.Contains("class=\"recovery\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{userName} could not enrol an authenticator.");
            }

            using var signedIn = await SignInAsync(server, userName, Password, secret, nextStep: true);
            return "motcua.session=" + signedIn.Cookies.GetCookies(server.BaseAddress)["motcua.session"]!.Value;
        }
    }

    private static async Task<int> UnitIdAsync(ServerProcess server, string code)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Id" FROM "Units" WHERE "Code" = @code""", connection);
        command.Parameters.AddWithValue("code", code);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<string> CookiesAsync(string work, string name, IEnumerable<string> cookies)
    {
        var file = Path.Combine(work, name + ".cookies");
        await File.WriteAllLinesAsync(file, cookies);
        return file;
    }

    /// <summary>Tracking bodies for 2,000 dossiers received in this run, in random order.</summary>
    private static async Task<List<string>> TrackingBodiesAsync(ServerProcess server)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Code", "TrackingSecret" FROM "Dossiers" WHERE "Code" IS NOT NULL ORDER BY random() LIMIT 2000""", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var bodies = new List<string>();
        while (await reader.ReadAsync())
        {
            bodies.Add(JsonSerializer.Serialize(new { code = reader.GetString(0), check = reader.GetString(1) }));
        }

        return bodies;
    }

    /// <summary>The tracking SQL for a random dossier of the first agency today (sequence numbers up to 9.999).</summary>
    private static async Task<string> TrackingScriptAsync(ServerProcess server, string agency)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Day", "LastValue" FROM "DossierCodeCounters" WHERE "AgencyCode" = @agency ORDER BY "Day" DESC LIMIT 1""", connection);
        command.Parameters.AddWithValue("agency", agency);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var prefix = $"{agency}-{reader.GetFieldValue<DateOnly>(0).ToString("yyMMdd", CultureInfo.InvariantCulture)}-";
        var last = Math.Min(9999, reader.GetInt32(1));
        return $"\\set n random(1, {last})\n" + string.Format(CultureInfo.InvariantCulture, TrackingSql, $"'{prefix}' || lpad(:n::text, 4, '0')") + "\n";
    }

    [GeneratedRegex(@"secret=([A-Z2-7]+)")]
    private static partial Regex Secret();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
