using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Web.Demo;

/// <summary>
/// Fills an empty database with Quảng Trị as it has been since the 1/7/2025 reorganisation (the province, its
/// Public Administration Service Center and departments, the new communes) and, as history, the district era
/// (Gio Linh and Triệu Phong districts and some of their communes); accounts for every role in two communes and a
/// department, and the district's own. Every demo staff account shares the authenticator secret <see cref="TotpSecret"/> (README).
/// </summary>
internal static class DemoSeeder
{
    public const string TotpSecret = "MOTCUADEMOMOTCUADEMOMOTCUADEMO23";
    public const string StaffPassword = "MotCua-Demo-2026!";
    public const string CitizenPassword = "Dan-Demo-2026!";

    public sealed record DemoAccount(string UserName, string FullName, StaffRole? Role, string? UnitCode);

    public static readonly DemoAccount[] Accounts =
    [
        new("sysadmin", "Quản trị hệ thống", StaffRole.SystemAdmin, "000.00.00.H50"),
        new("tinh.giamsat", "Nguyễn Thị Giám Sát (Sở Nội vụ)", StaffRole.Supervisor, "000.00.00.H50"),

        // Today's province (from 1/7/2025): two communes and a department, every role.
        new("xagiolinh.motcua", "Ngô Văn Hải (Trung tâm Phục vụ hành chính công xã Gio Linh)", StaffRole.DeskOfficer, "000.00.71.H50"),
        new("xagiolinh.chuyenvien", "Lê Thị Hằng (Văn phòng HĐND và UBND xã Gio Linh)", StaffRole.Specialist, "000.02.71.H50"),
        new("xagiolinh.truongphong", "Trần Quốc Bảo (Chánh Văn phòng HĐND và UBND xã Gio Linh)", StaffRole.Leader, "000.02.71.H50"),
        new("xagiolinh.lanhdao", "Hồ Văn Thắng (Phó Chủ tịch UBND xã Gio Linh)", StaffRole.Leader, "000.00.71.H50"),
        new("xagiolinh.quantri", "Đặng Thị Lan (UBND xã Gio Linh)", StaffRole.UnitAdmin, "000.00.71.H50"),
        new("xagiolinh.giamsat", "Phan Thị Mai (UBND xã Gio Linh)", StaffRole.Supervisor, "000.00.71.H50"),
        new("xacuaviet.motcua", "Nguyễn Thị Thu (Trung tâm Phục vụ hành chính công xã Cửa Việt)", StaffRole.DeskOfficer, "000.00.72.H50"),
        new("xacuaviet.chuyenvien", "Võ Minh Tuấn (Văn phòng HĐND và UBND xã Cửa Việt)", StaffRole.Specialist, "000.02.72.H50"),
        new("xacuaviet.truongphong", "Lê Văn Phúc (Chánh Văn phòng HĐND và UBND xã Cửa Việt)", StaffRole.Leader, "000.02.72.H50"),
        new("xacuaviet.lanhdao", "Trương Thị Hiền (Phó Chủ tịch UBND xã Cửa Việt)", StaffRole.Leader, "000.00.72.H50"),
        new("xacuaviet.quantri", "Hoàng Văn Đức (UBND xã Cửa Việt)", StaffRole.UnitAdmin, "000.00.72.H50"),
        new("xacuaviet.giamsat", "Dương Thị Nga (UBND xã Cửa Việt)", StaffRole.Supervisor, "000.00.72.H50"),
        new("sonoivu.motcua", "Trần Thị Hương (Sở Nội vụ, tại Trung tâm Phục vụ hành chính công tỉnh)", StaffRole.DeskOfficer, CatalogSeeder.ProvinceDesk),
        new("sonoivu.chuyenvien", "Nguyễn Văn Quang (Phòng Người có công, Sở Nội vụ)", StaffRole.Specialist, "000.02.03.H50"),
        new("sonoivu.truongphong", "Lê Thị Hoài (Trưởng phòng Người có công, Sở Nội vụ)", StaffRole.Leader, "000.02.03.H50"),
        new("sonoivu.lanhdao", "Phạm Văn Hùng (Phó Giám đốc Sở Nội vụ)", StaffRole.Leader, "000.00.03.H50"),
        new("sonoivu.quantri", "Đoàn Thị Yến (Văn phòng Sở Nội vụ)", StaffRole.UnitAdmin, "000.00.03.H50"),
        new("sonoivu.giamsat", "Cao Văn Sơn (Sở Nội vụ)", StaffRole.Supervisor, "000.00.03.H50"),

        // The district era (until 30/6/2025), kept to read its history.
        new("giolinh.quantri", "Trần Văn Quản Trị (UBND huyện Gio Linh)", StaffRole.UnitAdmin, "000.00.12.H50"),
        new("giolinh.giamsat", "Lê Thị Thanh (Văn phòng HĐND và UBND huyện Gio Linh)", StaffRole.Supervisor, "000.00.12.H50"),
        new("giolinh.motcua", "Phạm Thị Hoa (Bộ phận Một cửa huyện Gio Linh)", StaffRole.DeskOfficer, "000.00.12.H50"),
        new("giolinh.chuyenvien", "Hoàng Văn Minh (Phòng Tư pháp huyện Gio Linh)", StaffRole.Specialist, "000.00.12.H50"),
        new("giolinh.lanhdao", "Võ Văn Lãnh (Phó Chủ tịch UBND huyện Gio Linh)", StaffRole.Leader, "000.00.12.H50"),
        new("0912345678", "Nguyễn Văn An", null, null),
    ];

    /// <summary>Registers the demo seeding; call it after the modules whose reference data the demo builds on.</summary>
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions());
        builder.Services.AddSingleton<IStartupData, StartupData>();
        return builder;
    }

    /// <summary>
    /// Seeds the demo into an empty database, unless <c>MotCua:Database:SeedDemoData</c> is off (production); with
    /// <c>MotCua:Demo:History</c>, also its generated past, once, into a database without dossiers.
    /// </summary>
    internal sealed class StartupData : IStartupData
    {
        public Task StoreAsync(IServiceProvider services, CancellationToken cancellationToken) =>
            services.GetRequiredService<DatabaseOptions>().SeedDemoData ? SeedAsync(services, cancellationToken) : Task.CompletedTask;
    }

    private static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        DemoCertificate.EnsureExists(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>());
        var db = services.GetRequiredService<MotCuaDbContext>();
        if (!await db.Units.AnyAsync(cancellationToken))
        {
            await SeedUnitsAndAccountsAsync(services, db);
        }

        if (!await db.Procedures.AnyAsync(cancellationToken))
        {
            await CatalogSeeder.SeedAsync(services, db);
        }

        if (services.GetRequiredService<DemoOptions>().History && !await db.Dossiers.AnyAsync(cancellationToken))
        {
            await DemoHistory.SeedAsync(services, db, cancellationToken);
        }
    }

    private static async Task SeedUnitsAndAccountsAsync(IServiceProvider services, MotCuaDbContext db)
    {
        var rows = Load();
        var localizer = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var audit = new AuditTrail(db, services.GetRequiredService<TimeProvider>());
        await ImportUnits.ImportAsync(rows, db, Actor.System, _ => { }, audit, localizer, CancellationToken.None);

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var store = (IUserAuthenticatorKeyStore<AppUser>)services.GetRequiredService<IUserStore<AppUser>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        foreach (var account in Accounts)
        {
            var isStaff = account.Role is not null;
            var user = new AppUser
            {
                // The same id on every start, so that the generated history (which names its officers) is the same too.
                Id = new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("motcua-demo:" + account.UserName))[..16]),
                UserName = account.UserName,
                FullName = account.FullName,
                Kind = isStaff ? AccountKind.Staff : AccountKind.Citizen,
                PhoneNumber = isStaff ? null : account.UserName,
                CreatedAt = now,
            };
            if (account.Role is { } role)
            {
                var unit = await db.Units.FirstAsync(u => u.Code == account.UnitCode);
                user.Roles.Add(new RoleAssignment { Role = role, UnitId = unit.Id });
                user.TwoFactorEnabled = true;
            }

            var result = await users.CreateAsync(user, isStaff ? StaffPassword : CitizenPassword);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Demo account " + account.UserName + ": " + string.Join(", ", result.Errors.Select(e => e.Code)));
            }

            if (isStaff)
            {
                await store.SetAuthenticatorKeyAsync(user, TotpSecret, CancellationToken.None);
                await users.UpdateAsync(user);
            }
        }
    }

    private static List<ImportUnits.Row> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MotCua.Web.Demo.units.json")!;
        return JsonSerializer.Deserialize<List<ImportUnits.Row>>(stream, ImportUnits.Json)!;
    }
}
