using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Web.Catalog;

/// <summary>
/// The public search runs over an in-memory snapshot of the issued versions' search columns (the folded name and
/// text stored in the database), so that a search costs no database round trip: a few thousand procedures fit in
/// a few megabytes, and matching them takes well under a millisecond. The snapshot is rebuilt after any committed
/// change to procedures, versions, providers or domains on this node (the interceptor below), and at the latest
/// <see cref="MaxAge"/> after it was built, which bounds how stale another web node can be. The lock only spares
/// the database concurrent rebuilds; nothing depends on it for correctness.
/// </summary>
internal sealed class CatalogSearchIndex(IServiceScopeFactory scopes, TimeProvider clock) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];
    private Snapshot? _snapshot;
    private long _generation;

    private sealed record Entry(int ProcedureId, string Code, string Name, UnitLevel Level, string DomainCode, string DomainName, string Agency,
        OnlineMode OnlineMode, string SearchName, string SearchText, DateOnly ValidFrom, DateOnly? ValidTo, HashSet<string> Units);

    private sealed record Snapshot(long Generation, long BuiltAt, Entry[] Entries);

    public async Task<SearchProcedures.Response> SearchAsync(SearchProcedures.Query query, DateOnly today, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        var words = SearchTerms.Words(query.Q);
        var phrase = string.Join(' ', words);
        var matches = snapshot.Entries.Where(e => e.ValidFrom <= today && (e.ValidTo is null || e.ValidTo >= today)
            && (query.Level is null || e.Level == query.Level)
            && (query.Domain is null || e.DomainCode == query.Domain)
            && (query.Online is null || e.OnlineMode == query.Online)
            && (query.UnitCode is null || e.Units.Contains(query.UnitCode))
            && words.All(w => e.SearchText.Contains(w, StringComparison.Ordinal)))
            .ToList();
        // Name matches first: the whole phrase in the name, then every word in it, then the rest; shorter names first.
        int Rank(Entry e) => e.SearchName.Contains(phrase, StringComparison.Ordinal) ? 0 : words.All(w => e.SearchName.Contains(w, StringComparison.Ordinal)) ? 1 : 2;
        var ordered = words.Length == 0
            ? matches.OrderBy(e => e.SearchName, StringComparer.Ordinal)
            : matches.OrderBy(Rank).ThenBy(e => e.SearchName.Length).ThenBy(e => e.SearchName, StringComparer.Ordinal);
        var items = ordered.Skip((query.Page - 1) * SearchProcedures.PageSize).Take(SearchProcedures.PageSize)
            .Select(e => new SearchProcedures.Item(e.Code, e.Name, e.Level, e.DomainCode, e.DomainName, e.Agency, e.OnlineMode))
            .ToList();
        return new SearchProcedures.Response(matches.Count, query.Page, SearchProcedures.PageSize, items);
    }

    private async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Fresh(Volatile.Read(ref _snapshot)) is { } snapshot)
        {
            return snapshot;
        }

        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(Volatile.Read(ref _snapshot)) is { } rebuilt)
            {
                return rebuilt;
            }

            // Read the generation first: a change committed while loading makes the next search rebuild again.
            var generation = Interlocked.Read(ref _generation);
            var built = new Snapshot(generation, clock.GetTimestamp(), await LoadAsync(cancellationToken));
            Volatile.Write(ref _snapshot, built);
            return built;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private Snapshot? Fresh(Snapshot? snapshot) =>
        snapshot is not null && snapshot.Generation == Interlocked.Read(ref _generation) && clock.GetElapsedTime(snapshot.BuiltAt) < MaxAge ? snapshot : null;

    private async Task<Entry[]> LoadAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var providers = (await db.ProcedureProviders.AsNoTracking().Select(p => new { p.ProcedureId, p.Unit!.Code }).ToListAsync(cancellationToken))
            .ToLookup(p => p.ProcedureId, p => p.Code);
        var versions = await db.ProcedureVersions.AsNoTracking()
            .Where(v => v.Status != VersionStatus.Draft)
            .Select(v => new
            {
                v.ProcedureId,
                v.Procedure!.Code,
                v.Name,
                v.Level,
                DomainCode = v.Domain!.Code,
                DomainName = v.Domain.Name,
                v.Agency,
                v.OnlineMode,
                v.SearchName,
                v.SearchText,
                v.ValidFrom,
                v.ValidTo,
            })
            .ToListAsync(cancellationToken);
        return versions.Select(v => new Entry(v.ProcedureId, v.Code, v.Name, v.Level, v.DomainCode, v.DomainName, v.Agency, v.OnlineMode, v.SearchName,
                v.SearchText, v.ValidFrom!.Value, v.ValidTo, providers[v.ProcedureId].ToHashSet(StringComparer.Ordinal)))
            .ToArray();
    }

    private void Invalidate() => Interlocked.Increment(ref _generation);

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is Procedure or ProcedureVersion or ProcedureProvider or Domain))
        {
            _pending.AddOrUpdate(context, this);
        }
    }

    private void Saved(DbContext? context)
    {
        // Inside a transaction the change is visible only once committed.
        if (context is not null && context.Database.CurrentTransaction is null && _pending.Remove(context))
        {
            Invalidate();
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _pending.Remove(context))
        {
            Invalidate();
        }
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => RolledBack(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack(eventData.Context);
        return Task.CompletedTask;
    }

    private void RolledBack(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
