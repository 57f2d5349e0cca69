using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MotCua.Web;
using MotCua.Web.Catalog;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;
using Npgsql;

namespace MotCua.Benchmarks;

/// <summary>
/// The real app on Kestrel over a fresh PostgreSQL database, for benchmarks that go through HTTP.
/// The server comes from <c>MOTCUA_BENCH_PG</c> (default 127.0.0.1:55432, the test script's port).
/// </summary>
internal sealed class BenchHost : WebApplicationFactory<Program>
{
    public static readonly NumberFormatInfo Vietnamese = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };

    private BenchHost(string connectionString, string database)
    {
        ConnectionString = connectionString;
        Database = database;
    }

    public string ConnectionString { get; }
    public string Database { get; }
    public Uri BaseAddress { get; private set; } = null!;

    public static string PgServer => Environment.GetEnvironmentVariable("MOTCUA_BENCH_PG") ?? "Host=127.0.0.1;Port=55432;Username=postgres";

    public static async Task<BenchHost> StartAsync()
    {
        var database = "motcua_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(PgServer))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {database} ENCODING 'UTF8' TEMPLATE template0", connection);
            await command.ExecuteNonQueryAsync();
        }

        // The app's files are beside the benchmark's own binaries; there is no solution-relative project folder to find.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MOTCUA_WEB", AppContext.BaseDirectory);
        // The app's own connection defaults, so that the raw comparisons run with the same settings as the app.
        var host = new BenchHost(DatabaseModule.PostgresConnectionString(
            new NpgsqlConnectionStringBuilder(PgServer) { Database = database, MaxPoolSize = 64 }.ConnectionString), database);
        host.UseKestrel(0);
        host.StartServer();
        host.BaseAddress = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("MotCua:Database:Provider", "Postgres");
        builder.UseSetting("MotCua:Database:ConnectionString", ConnectionString);
        builder.UseSetting("MotCua:RateLimits:PublicPerMinute", "100000000");
        builder.UseSetting("MotCua:RateLimits:SignInPerMinute", "100000000");
        builder.UseSetting("MotCua:RateLimits:TrackingPerMinute", "100000000");
        builder.UseSetting("MotCua:Outbox:PollInterval", "01:00:00");
        builder.UseSetting("Workflow:WatchInterval", "1.00:00:00");
        builder.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>A new commune under the province, providing the procedure.</summary>
    public async Task<(int Id, string Code, string Path)> CommuneAsync(string unitCode, string procedureCode)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var province = db.Units.Single(u => u.Code == "000.00.00.H50");
        var unit = new AdministrativeUnit { Code = unitCode, Name = "Xã Đo Tải " + unitCode, Kind = UnitKind.Commune, Level = UnitLevel.Commune, ValidFrom = new DateOnly(2020, 1, 1) };
        unit.PlaceUnder(province);
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        db.ProcedureProviders.Add(new ProcedureProvider { ProcedureId = db.Procedures.Single(p => p.Code == procedureCode).Id, UnitId = unit.Id });
        await db.SaveChangesAsync();
        return (unit.Id, unit.Code, unit.Path);
    }

    /// <summary>A staff account holding <paramref name="role"/> in the unit, signed in (password and TOTP) on a new client.</summary>
    public async Task<HttpClient> StaffAsync(int unitId, StaffRole role)
    {
        var userName = "bench" + Guid.NewGuid().ToString("N")[..10];
        using (var scope = Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { Id = Guid.CreateVersion7(), UserName = userName, FullName = "Cán bộ đo tải", Kind = AccountKind.Staff, TwoFactorEnabled = true };
            user.Roles.Add(new RoleAssignment { Role = role, UnitId = unitId });
            (await users.CreateAsync(user, DemoSeeder.StaffPassword)).Succeeded.ShouldBeTrue();
            var store = (IUserAuthenticatorKeyStore<AppUser>)scope.ServiceProvider.GetRequiredService<IUserStore<AppUser>>();
            await store.SetAuthenticatorKeyAsync(user, DemoSeeder.TotpSecret, CancellationToken.None);
            await users.UpdateAsync(user);
        }

        var client = NewClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = DemoSeeder.StaffPassword, code = Totp.Code(DemoSeeder.TotpSecret, DateTimeOffset.UtcNow) });
        login.EnsureSuccessStatusCode();
        return client;
    }

    private HttpClient NewClient() => new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = BaseAddress,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PgServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static string Number(double value, string format = "N0") => value.ToString(format, Vietnamese);
}

internal static class BenchAssertions
{
    public static void ShouldBeTrue(this bool value)
    {
        if (!value)
        {
            throw new InvalidOperationException("Benchmark set-up failed.");
        }
    }
}
