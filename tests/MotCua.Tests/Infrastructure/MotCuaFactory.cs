using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using MotCua.Web;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Tests.Infrastructure;

/// <summary>
/// The whole MotCua app over HTTP on a real database (SQLite or PostgreSQL, see <see cref="TestDatabase"/>),
/// with the demo data seeded. Tests make their own units and accounts, so none depends on another's rows.
/// </summary>
public class MotCuaFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;

    static MotCuaFactory()
    {
        // Many hosts run in this one test process, and SQLite calls block their thread; a larger pool
        // keeps one busy host from starving another's requests (browser tests time out otherwise).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }

    public TestClock Clock { get; } = new();
    public CapturedLogs Logs { get; } = new();
    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public virtual async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        // Build the host now, so migration and seeding happen once, before the first test.
        _ = Services;
    }

    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("MotCua:Database:Provider", Database.Provider);
        builder.UseSetting("MotCua:Database:ConnectionString", Database.ConnectionString);
        if (SeedsDemoData)
        {
            builder.UseSetting("MotCua:Database:SeedDemoData", "true");
        }

        builder.UseSetting("MotCua:RateLimits:PublicPerMinute", "100000");
        builder.UseSetting("MotCua:RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("MotCua:Ratings:PerAddressPerMinute", "100000");
        builder.UseSetting("MotCua:Petitions:PerAddressPerMinute", "100000");
        builder.UseSetting("MotCua:Outbox:PollInterval", "01:00:00");
        builder.UseSetting("MotCua:Scanning:Clamd", TestClamd.Address);
        builder.UseSetting("MotCua:Signing:Default:Pkcs12Path", TestCa.DefaultPkcs12);
        builder.UseSetting("MotCua:Signing:Default:Password", TestCa.Password);
        builder.UseSetting($"MotCua:Signing:Units:{TestCa.OwnUnit}:Pkcs12Path", TestCa.OwnUnitPkcs12);
        builder.UseSetting($"MotCua:Signing:Units:{TestCa.OwnUnit}:Password", TestCa.Password);
        builder.UseSetting("MotCua:Signing:TrustedRoots", TestCa.CaPem);
        // Tests change the catalog and the units directly between requests: intake reads them afresh every time.
        builder.UseSetting("MotCua:IntakeCache:CacheFor", "00:00:00");
        // Tests drive the deadline watch's use cases themselves, on their own dates.
        builder.UseSetting("Workflow:WatchInterval", "1.00:00:00");
        builder.UseSetting("MotCua:Outbox:Folder", Path.Combine(Path.GetTempPath(), "motcua-tests", "outbox-" + Guid.NewGuid().ToString("N")));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>False leaves the demo seeding to the app's own settings.</summary>
    protected virtual bool SeedsDemoData => true;

    /// <summary>A client without a session that keeps its cookies and does not follow redirects. Every API answer it
    /// receives is held to the published OpenAPI document (<see cref="ContractCheck"/>).</summary>
    public HttpClient Anonymous() => ChecksContract
        ? CreateDefaultClient(ClientOptions.BaseAddress, new ContractCheck(() => _contract.Value), new CookieContainerHandler())
        : CreateDefaultClient(ClientOptions.BaseAddress, new CookieContainerHandler());

    /// <summary>False for a host whose services are broken on purpose, whose answers no contract describes.</summary>
    protected virtual bool ChecksContract => true;

    private readonly Lazy<Task<ContractCheck.Contract>> _contract;

    public MotCuaFactory() => _contract = new(async () => new ContractCheck.Contract(await LoadApiDocumentAsync()));

    /// <summary>The OpenAPI document this app publishes.</summary>
    internal async Task<System.Text.Json.Nodes.JsonObject> LoadApiDocumentAsync()
    {
        using var client = CreateDefaultClient(ClientOptions.BaseAddress);
        return System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _signInGates = new();

    /// <summary>Signs in through the API with the password and, for staff, a recovery code made for this sign-in.
    /// An authenticator code is accepted once per account and 30-second step, and tests sign the same demo account in
    /// many times a minute; <c>SignInTests</c> covers the authenticator path itself.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string? password = null)
    {
        var client = Anonymous();
        var response = await WithRecoveryCodeAsync(userName, recoveryCode => client.PostAsJsonAsync("/api/v1/auth/login", new
        {
            userName,
            password = password ?? (userName.StartsWith('0') ? DemoSeeder.CitizenPassword : DemoSeeder.StaffPassword),
            recoveryCode,
        }));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    /// <summary>Runs a sign-in with a recovery code made for it (null for an account without a second factor). A new
    /// recovery code replaces the account's codes: one sign-in per account at a time.</summary>
    internal async Task<T> WithRecoveryCodeAsync<T>(string userName, Func<string?, Task<T>> signIn)
    {
        var gate = _signInGates.GetOrAdd(userName, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            using var scope = Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var code = await users.FindByNameAsync(userName) is { TwoFactorEnabled: true } user
                ? (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 1))!.Single()
                : null;
            return await signIn(code);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Creates a unit directly (arrangement, not the behaviour under test) and returns its code.</summary>
    internal async Task<string> CreateUnitAsync(string? parentCode, UnitKind kind = UnitKind.Commune, string? name = null)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var parent = parentCode is null ? null : db.Units.Single(u => u.Code == parentCode);
        var code = UniqueCode();
        var unit = new AdministrativeUnit
        {
            Code = code,
            Name = name ?? "Xã Thử Nghiệm " + code[..3],
            Kind = kind,
            Level = kind switch { UnitKind.Province => UnitLevel.Province, UnitKind.District => UnitLevel.District, _ => parent?.Level ?? UnitLevel.Commune },
            ValidFrom = new DateOnly(2020, 1, 1),
        };
        unit.PlaceUnder(parent);
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        return code;
    }

    /// <summary>Creates a staff account with a role in a unit, two-factor on with the demo secret.</summary>
    internal async Task<string> CreateStaffAsync(StaffRole role, string unitCode)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var unit = db.Units.Single(u => u.Code == unitCode);
        var userName = "t" + Guid.NewGuid().ToString("N")[..12];
        var user = new AppUser { Id = Guid.CreateVersion7(), UserName = userName, FullName = "Cán bộ " + userName, Kind = AccountKind.Staff, TwoFactorEnabled = true };
        user.Roles.Add(new RoleAssignment { Role = role, UnitId = unit.Id });
        var result = await users.CreateAsync(user, DemoSeeder.StaffPassword);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(", ", result.Errors.Select(e => e.Code)));
        }

        var store = (IUserAuthenticatorKeyStore<AppUser>)scope.ServiceProvider.GetRequiredService<IUserStore<AppUser>>();
        await store.SetAuthenticatorKeyAsync(user, DemoSeeder.TotpSecret, CancellationToken.None);
        await users.UpdateAsync(user);
        return userName;
    }

    /// <summary>Makes the unit a provider of the procedure (catalog arrangement for intake tests).</summary>
    internal async Task ProvideAsync(string procedureCode, string unitCode)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var procedureId = db.Procedures.Where(p => p.Code == procedureCode).Select(p => p.Id).Single();
        var unitId = db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).Single();
        db.ProcedureProviders.Add(new MotCua.Web.Catalog.ProcedureProvider { ProcedureId = procedureId, UnitId = unitId });
        await db.SaveChangesAsync();
    }

    /// <summary>A new commune under the province that provides the procedures, and a desk officer signed in there.</summary>
    internal async Task<(string Unit, HttpClient Desk)> DeskAsync(params string[] procedureCodes)
    {
        var unit = await CreateUnitAsync("000.00.00.H50");
        foreach (var code in procedureCodes)
        {
            await ProvideAsync(code, unit);
        }

        return (unit, await SignInAsync(await CreateStaffAsync(StaffRole.DeskOfficer, unit)));
    }

    internal T WithDb<T>(Func<MotCuaDbContext, T> query)
    {
        using var scope = Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<MotCuaDbContext>());
    }

    /// <summary>QCVN-shaped codes with the letter T, which no real province uses, so tests never collide with demo data.</summary>
    public static string UniqueCode()
    {
        var n = Random.Shared.NextInt64(0, 1_000_000_000);
        return $"{n / 1_000_000:000}.{n / 10_000 % 100:00}.{n / 100 % 100:00}.T{n % 100:00}";
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<MotCuaFactory>
{
    public const string Name = "app";
}
