using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Calendar;

/// <summary>
/// At start-up, stores each shipped official year (Calendar/Data/official-calendars.json) that the
/// database lacks, as confirmed. Reference data, not demo data: it runs on every installation and
/// never overwrites a year an administrator has stored.
/// </summary>
internal sealed class SeedOfficialCalendars : IStartupData
{
    public async Task StoreAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MotCuaDbContext>();
        var stored = await db.CalendarYears.Select(y => y.Year).ToListAsync(cancellationToken);
        var missing = OfficialCalendars.Load().Values.Where(y => !stored.Contains(y.Year)).OrderBy(y => y.Year).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var audit = services.GetRequiredService<AuditTrail>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        foreach (var official in missing)
        {
            var year = CalendarYear.From(official, now);
            year.Confirm(Actor.System.Id, Actor.System.Name, now);
            db.CalendarYears.Add(year);
            await audit.RecordAsync(Actor.System, "calendar.year.seeded", CalendarEdits.EntityType, official.Year.ToString(CultureInfo.InvariantCulture),
                null, CalendarEdits.Describe(year), cancellationToken);
        }

        await CalendarRevision.BumpAsync(db, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseModule.IsUniqueViolation(exception) || exception is DbUpdateConcurrencyException)
        {
            // Another web node starting at the same time stored them first.
            db.ChangeTracker.Clear();
        }
    }
}
