using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Calendar;

/// <summary>
/// Working calendars built once per calendar revision and shared by all requests of this node.
/// Correctness never rests on this memory: the database's <see cref="CalendarRevision"/> is read
/// again after <see cref="CalendarOptions.RefreshInterval"/>, and a changed number rebuilds
/// everything, so a change made on another node is seen within that interval.
/// </summary>
internal sealed class WorkingCalendarCache(CalendarOptions options, TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    // A unit's path never changes once created (Units/AdministrativeUnit.PlaceUnder), so it may be kept.
    private readonly ConcurrentDictionary<string, string> _unitPaths = new(StringComparer.Ordinal);
    private volatile Entry? _entry;

    public async ValueTask<Snapshot> GetAsync(MotCuaDbContext db, CancellationToken cancellationToken)
    {
        var entry = _entry;
        if (entry is not null && clock.GetUtcNow() - entry.CheckedAt < options.RefreshInterval)
        {
            return entry.Snapshot;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            entry = _entry;
            if (entry is not null && now - entry.CheckedAt < options.RefreshInterval)
            {
                return entry.Snapshot;
            }

            var revision = await db.CalendarRevisions.AsNoTracking()
                .Where(r => r.Id == CalendarRevision.SingletonId).Select(r => r.Revision).FirstOrDefaultAsync(cancellationToken);
            var snapshot = entry?.Snapshot.Revision == revision ? entry.Snapshot : await LoadAsync(db, revision, cancellationToken);
            _entry = new Entry(snapshot, now);
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>After a change committed on this node: ask the database again on the next use.</summary>
    public void Invalidate()
    {
        if (_entry is { } entry)
        {
            _entry = entry with { CheckedAt = DateTimeOffset.MinValue };
        }
    }

    public async ValueTask<string?> UnitPathAsync(MotCuaDbContext db, string unitCode, CancellationToken cancellationToken)
    {
        if (_unitPaths.TryGetValue(unitCode, out var path))
        {
            return path;
        }

        path = await db.Units.AsNoTracking().Where(u => u.Code == unitCode).Select(u => u.Path).FirstOrDefaultAsync(cancellationToken);
        if (path is not null)
        {
            _unitPaths[unitCode] = path;
        }

        return path;
    }

    private static async Task<Snapshot> LoadAsync(MotCuaDbContext db, long revision, CancellationToken cancellationToken)
    {
        var stored = await db.CalendarDays.AsNoTracking()
            .Select(d => new { d.Year, d.Date, d.Kind, d.Name, d.Source })
            .ToListAsync(cancellationToken);
        var years = await db.CalendarYears.AsNoTracking().Select(y => y.Year).ToListAsync(cancellationToken);
        var byYear = years.ToDictionary(
            y => y,
            y => (IReadOnlyList<CalendarDay>)stored.Where(d => d.Year == y).Select(d => new CalendarDay(d.Date, d.Kind, d.Name, d.Source)).ToList());
        var hours = await db.UnitWorkingHours.AsNoTracking()
            .Select(h => new { h.Unit!.Path, h.MorningStart, h.MorningEnd, h.AfternoonStart, h.AfternoonEnd })
            .ToListAsync(cancellationToken);
        return new Snapshot(
            revision,
            [.. NationalCalendar.Compose(byYear)],
            hours.Select(h => (h.Path, new WorkingHours(h.MorningStart, h.MorningEnd, h.AfternoonStart, h.AfternoonEnd)))
                .OrderByDescending(h => h.Path.Length).ToList());
    }

    private sealed record Entry(Snapshot Snapshot, DateTimeOffset CheckedAt);

    /// <summary>The national days of one revision, the units' hours, and one engine per distinct set of hours.</summary>
    internal sealed class Snapshot(long revision, CalendarDay[] days, IReadOnlyList<(string Path, WorkingHours Hours)> hoursByPath)
    {
        private readonly ConcurrentDictionary<WorkingHours, Lazy<WorkingCalendar>> _engines = new();

        public long Revision => revision;

        /// <summary>The hours of the deepest unit on <paramref name="unitPath"/> that sets them, else the default.</summary>
        public WorkingHours HoursFor(string? unitPath) =>
            unitPath is null ? WorkingHours.Default
            : hoursByPath.FirstOrDefault(h => unitPath.StartsWith(h.Path, StringComparison.Ordinal)).Hours ?? WorkingHours.Default;

        public WorkingCalendar EngineFor(WorkingHours hours) =>
            _engines.GetOrAdd(hours, h => new Lazy<WorkingCalendar>(() => new WorkingCalendar(NationalCalendar.FirstYear, NationalCalendar.LastYear, days, h))).Value;
    }
}

/// <summary>The request-scoped <see cref="IWorkingCalendar"/>: reads the revision through the caller's DbContext.</summary>
internal sealed class WorkingCalendarService(MotCuaDbContext db, WorkingCalendarCache cache) : IWorkingCalendar
{
    public async Task<UnitCalendar> ForUnitAsync(string? unitCode, CancellationToken cancellationToken = default) =>
        await FindForUnitAsync(unitCode, cancellationToken) ?? throw new KeyNotFoundException("Unknown unit code " + unitCode);

    public async Task<UnitCalendar?> FindForUnitAsync(string? unitCode, CancellationToken cancellationToken = default)
    {
        string? path = null;
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            path = await cache.UnitPathAsync(db, unitCode.Trim(), cancellationToken);
            if (path is null)
            {
                return null;
            }
        }

        var snapshot = await cache.GetAsync(db, cancellationToken);
        return new UnitCalendar(string.IsNullOrWhiteSpace(unitCode) ? null : unitCode.Trim(), snapshot.EngineFor(snapshot.HoursFor(path)), snapshot.Revision);
    }
}
