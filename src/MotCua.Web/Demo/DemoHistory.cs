using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Reporting;
using MotCua.Web.Units;
using MotCua.Web.Workflow;

namespace MotCua.Web.Demo;

internal sealed class DemoOptions
{
    public const string Section = "MotCua:Demo";

    /// <summary>With the demo, generate its past once, into a database without dossiers: about two years up to yesterday (README, "Demo history").</summary>
    public bool History { get; set; }
}

/// <summary>
/// A generated, deterministic past of the demo province, from the first day of the month two years before today up to
/// yesterday, whatever day it runs: the district era until 30/6/2025 (old communes and districts), then two tiers (new
/// communes, and the departments through the provincial center). Each working day each unit receives a number of dossiers
/// of the procedures it provides, on every channel, and each lives its life through the dossier's state methods
/// (<see cref="DossierLife"/>): refused at intake, withdrawn, stopped, a supplement, declined, decided early, on time or
/// late, returned, or still open today. Same day, same history: the numbers come from one seeded generator.
/// </summary>
internal static class DemoHistory
{
    public const int Seed = 20250701;

    private static readonly DateOnly TwoTiers = new(2025, 7, 1);

    internal sealed record UnitInfo(int Id, string Code, string Name, string Path, UnitKind Kind, DateOnly ValidFrom, DateOnly? ValidTo, int? ParentId);

    internal sealed record TimeInfo(Channel Channel, int Amount, TimeUnit Unit, TimeOnly? Cutoff);

    private sealed record VersionInfo(int Id, string Code, string Name, string DomainCode, DateOnly ValidFrom, DateOnly? ValidTo, bool Postal, List<TimeInfo> Times);

    internal sealed record StaffInfo(Guid Id, string Name, StaffRole Role, string UnitPath, string UnitCode);

    /// <summary>Generates the history into a database that has the demo units, accounts and catalog and no dossier yet; returns the number of dossiers.</summary>
    public static async Task<int> SeedAsync(IServiceProvider services, MotCuaDbContext db, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = DossierTime.ToSecond(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var units = await db.Units.AsNoTracking()
            .Select(u => new UnitInfo(u.Id, u.Code, u.Name, u.Path, u.Kind, u.ValidFrom, u.ValidTo, u.ParentId)).ToListAsync(cancellationToken);
        var times = (await db.Set<Catalog.ProcessingTime>().AsNoTracking().Select(t => new { t.VersionId, t.Channel, t.Amount, t.Unit, t.SameDayCutoff })
                .ToListAsync(cancellationToken))
            .ToLookup(t => t.VersionId, t => new TimeInfo(t.Channel, t.Amount, t.Unit, t.SameDayCutoff));
        var versions = (await db.ProcedureVersions.AsNoTracking().Where(v => v.Status != VersionStatus.Draft && v.ValidFrom != null)
                .Select(v => new { v.Id, v.Procedure!.Code, v.Name, Domain = v.Domain!.Code, v.ValidFrom, v.ValidTo, v.PostalIntake })
                .ToListAsync(cancellationToken))
            .Select(v => new VersionInfo(v.Id, v.Code, v.Name, v.Domain, v.ValidFrom!.Value, v.ValidTo, v.PostalIntake, times[v.Id].ToList()))
            .GroupBy(v => v.Code).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var providers = (await db.ProcedureProviders.AsNoTracking().Select(p => new { p.UnitId, p.Procedure!.Code }).ToListAsync(cancellationToken))
            .GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.Select(p => p.Code).Order(StringComparer.Ordinal).ToList());
        var processes = (await db.Set<ProcessStep>().AsNoTracking()
                .Join(db.ProcessDefinitions, s => s.DefinitionId, p => p.Id,
                    (s, p) => new { p.UnitId, p.Procedure!.Code, s.Order, s.Name, s.Role, s.Hours, Office = s.OfficeUnit != null ? s.OfficeUnit.Path : "" })
                .ToListAsync(cancellationToken))
            .GroupBy(s => (s.UnitId, s.Code))
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Order).Select(s => new StepInfo(s.Order, s.Name, s.Role, s.Hours, s.Office, false)).ToList());
        var staff = (await db.RoleAssignments.AsNoTracking()
                .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new StaffInfo(u.Id, u.FullName, r.Role, r.Unit!.Path, r.Unit.Code))
                .ToListAsync(cancellationToken))
            .OrderBy(s => s.UnitCode, StringComparer.Ordinal).ThenBy(s => s.Role).ThenBy(s => s.Id).ToList();

        var calendars = services.GetRequiredService<IWorkingCalendar>();
        var calendar = await calendars.ForUnitAsync(null, cancellationToken);
        var codes = services.GetRequiredService<DossierCodes>();
        var resultFile = await DemoResultFile.StoreAsync(services.GetRequiredService<FileStoreOptions>(), cancellationToken);
        var random = new Random(Seed);
        var today = DossierTime.VietnamDate(now);
        var first = new DateOnly(today.Year, today.Month, 1).AddYears(-2);
        var counters = new Dictionary<(string Agency, DateOnly Day), int>();
        var count = 0;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = new List<object>();
        var facts = new FactWriter();
        for (var day = first; day < today; day = day.AddDays(1))
        {
            if (!calendar.IsWorkingDay(day))
            {
                continue;
            }

            foreach (var handler in units.Where(u => u.ValidFrom <= day && (u.ValidTo is null || day <= u.ValidTo) && providers.ContainsKey(u.Id)).OrderBy(u => u.Code))
            {
                var desk = DeskOf(handler, units);
                if (desk.ValidFrom > day)
                {
                    // The departments' procedures are received at the provincial center, which opened on 1/7/2025.
                    continue;
                }

                var offered = providers[handler.Id].Select(code => versions[code].FirstOrDefault(v => v.ValidFrom <= day && (v.ValidTo is null || day <= v.ValidTo)))
                    .OfType<VersionInfo>().ToList();
                if (offered.Count == 0)
                {
                    continue;
                }

                var rate = (handler.Kind, day < TwoTiers) switch
                {
                    (UnitKind.District, true) => 9,
                    (UnitKind.Commune, true) => 3,
                    (UnitKind.Commune, false) => 14,
                    _ => 3,
                };
                for (var n = rate / 2 + random.Next(rate + 1); n > 0; n--)
                {
                    var version = Pick(random, offered);
                    // A step done outside the unit's offices (another agency) is the handling unit's own here, as the workflow reads it.
                    var steps = processes.GetValueOrDefault((handler.Id, version.Code))?.Select(s => s.OfficePath.Length == 0 ? s with { OfficePath = handler.Path } : s).ToList()
                        ?? [new StepInfo(1, "Thẩm định, giải quyết", StaffRole.Specialist, 0, handler.Path, false)];
                    var people = new People(staff, units, handler, desk);
                    var plan = new DossierPlan(random, calendar, now, people, steps, resultFile, (agency, on) =>
                    {
                        var next = counters[(agency, on)] = counters.GetValueOrDefault((agency, on)) + 1;
                        return codes.Format(agency, on, next);
                    });
                    plan.Live(Build(random, version, day, desk, handler), day, version.Times, rows, facts);
                    count++;
                }
            }

            if (rows.Count > 2_000)
            {
                await FlushAsync(db, rows, facts, cancellationToken);
                facts = new FactWriter();
            }
        }

        rows.AddRange(counters.Select(c => new DossierCodeCounter { AgencyCode = c.Key.Agency, Day = c.Key.Day, LastValue = c.Value }));
        await FlushAsync(db, rows, facts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await FoldReportFacts.FoldAsync(db, cancellationToken);
        services.GetRequiredService<ILogger<DemoOptions>>().LogInformation("Demo history: {Count} dossiers from {First} to {Last} in {Seconds:0.0} s",
            count, first.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), today.AddDays(-1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            Stopwatch.GetElapsedTime(started).TotalSeconds);
        return count;
    }

    private static async Task FlushAsync(MotCuaDbContext db, List<object> rows, FactWriter facts, CancellationToken cancellationToken)
    {
        rows.AddRange(facts.Rows);
        // Table by table, the dossiers first (the other rows point to them), in small commands of one shape: SQLite binds each
        // named parameter by searching the command's list, so a command's cost grows with the square of its parameters.
        foreach (var table in rows.GroupBy(r => r.GetType()).OrderBy(g => g.Key == typeof(Dossier) ? 0 : 1))
        {
            foreach (var chunk in table.Chunk(table.Key == typeof(Dossier) ? 5 : 25))
            {
                await InsertBatch.SaveAsync(db, chunk, cancellationToken);
            }
        }

        rows.Clear();
    }

    /// <summary>Where the handling unit's dossiers are received: the provincial center for a department, the district's desk, the commune itself.</summary>
    private static UnitInfo DeskOf(UnitInfo handler, List<UnitInfo> units) => handler.Kind switch
    {
        UnitKind.Office => units.Single(u => u.Code == CatalogSeeder.ProvinceDesk),
        UnitKind.District => units.FirstOrDefault(u => u.ParentId == handler.Id && u.Kind == UnitKind.Desk) ?? handler,
        _ => handler,
    };

    /// <summary>Civil status and certification make most of a commune's work; the rest is spread evenly.</summary>
    private static VersionInfo Pick(Random random, List<VersionInfo> offered)
    {
        var weights = offered.Select(v => v.DomainCode switch { "CT" => 6, "HT" => 4, _ => 1 }).ToList();
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < offered.Count; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return offered[i];
            }
        }

        return offered[^1];
    }

    private static Dossier Build(Random random, VersionInfo version, DateOnly day, UnitInfo desk, UnitInfo handler)
    {
        var online = version.Times.Any(t => t.Channel == Channel.Online);
        var roll = random.NextDouble();
        // The online share grew after the reorganisation (DVC toàn trình); the public post stays rare.
        var channel = online && roll < (day < TwoTiers ? 0.38 : 0.58) ? Channel.Online : version.Postal && roll > 0.96 ? Channel.Postal : Channel.Counter;
        var business = version.DomainCode == "HKD" && random.Next(3) == 0;
        var owner = DemoPeople.Owner(random, handler.Name, business);
        var id = new byte[16];
        random.NextBytes(id);
        var dossier = new Dossier
        {
            Id = new Guid(id),
            Channel = channel,
            ProcedureCode = version.Code,
            ProcedureVersionId = version.Id,
            ProcedureName = version.Name,
            DomainCode = version.DomainCode,
            OwnerKind = business ? OwnerKind.Business : OwnerKind.Citizen,
            Owner = owner,
            TrackingSecret = DemoPeople.Secret(random),
            PostalWaybill = channel == Channel.Postal ? "RR" + random.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "VN" : null,
            ReturnByPost = channel == Channel.Postal,
        };
        dossier.Place(desk.Id, desk.Path, handler.Id, handler.Path);
        dossier.Submit();
        return dossier;
    }

    /// <summary>Who acts in a dossier's history: the demo account of the office or unit when there is one, else a named officer of it.</summary>
    internal sealed class People(List<StaffInfo> staff, List<UnitInfo> units, UnitInfo handler, UnitInfo desk)
    {
        public Actor Desk => For(desk.Path, StaffRole.DeskOfficer);

        public Actor Leader => For(handler.Path, StaffRole.Leader);

        public Actor For(string officePath, StaffRole role)
        {
            // Only an account of that very office, or of the handling or receiving unit itself: a district's officer did not work at its communes' desks.
            var account = staff.Where(s => s.Role == role && (s.UnitPath == officePath || s.UnitPath == handler.Path || s.UnitPath == desk.Path)
                    && officePath.StartsWith(s.UnitPath, StringComparison.Ordinal))
                .OrderByDescending(s => s.UnitPath.Length).ThenBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault();
            if (account is not null)
            {
                return new Actor(account.Id, account.Name, role.ToString(), account.UnitCode);
            }

            var office = units.FirstOrDefault(u => u.Path == officePath) ?? handler;
            return new Actor(null, DemoPeople.Officer(role, office.Name), role.ToString(), office.Code);
        }
    }
}
