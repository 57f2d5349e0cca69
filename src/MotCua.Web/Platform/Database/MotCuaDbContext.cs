using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Platform.Database;

/// <summary>The one DbContext of MotCua. Each module contributes its entities through
/// <c>IEntityTypeConfiguration</c> classes in its own folder.</summary>
internal sealed class MotCuaDbContext(DbContextOptions<MotCuaDbContext> options)
    : IdentityUserContext<AppUser, Guid>(options)
{
    public DbSet<AdministrativeUnit> Units => Set<AdministrativeUnit>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditDigest> AuditDigests => Set<AuditDigest>();
    public DbSet<DataProtectionKeyRow> DataProtectionKeys => Set<DataProtectionKeyRow>();
    public DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();
    public DbSet<CalendarYearDay> CalendarDays => Set<CalendarYearDay>();
    public DbSet<UnitWorkingHours> UnitWorkingHours => Set<UnitWorkingHours>();
    public DbSet<CalendarRevision> CalendarRevisions => Set<CalendarRevision>();
    public DbSet<Integration.Outbox.OutboxMessage> OutboxMessages => Set<Integration.Outbox.OutboxMessage>();
    public DbSet<Dossiers.Dossier> Dossiers => Set<Dossiers.Dossier>();
    public DbSet<Dossiers.DossierCodeCounter> DossierCodeCounters => Set<Dossiers.DossierCodeCounter>();
    public DbSet<Dossiers.IdempotencyRecord> IdempotencyRecords => Set<Dossiers.IdempotencyRecord>();
    public DbSet<Domain> Domains => Set<Domain>();
    public DbSet<Procedure> Procedures => Set<Procedure>();
    public DbSet<ProcedureVersion> ProcedureVersions => Set<ProcedureVersion>();
    public DbSet<ProcedureComponent> ProcedureComponents => Set<ProcedureComponent>();
    public DbSet<FormTemplate> FormTemplates => Set<FormTemplate>();
    public DbSet<ProcessDefinition> ProcessDefinitions => Set<ProcessDefinition>();
    public DbSet<ProcedureProvider> ProcedureProviders => Set<ProcedureProvider>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MotCuaDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Bounded strings everywhere unless a configuration says otherwise: no accidental TEXT blobs.
        configurationBuilder.Properties<string>().HaveMaxLength(400);
    }

    private readonly List<object> _appended = [];

    /// <summary>
    /// Adds a row that is only ever inserted, never changed (a history entry, a notice, a milestone, a fact change), without
    /// tracking it. <see cref="SaveNewRowsAsync"/> writes it as it is; <c>SaveChanges</c> first hands it to the change tracker.
    /// </summary>
    public void Append(object row) => _appended.Add(row);

    /// <summary>The rows of type <typeparamref name="T"/> appended since the last save.</summary>
    public IEnumerable<T> Appended<T>() => _appended.OfType<T>();

    /// <summary>Forgets every unsaved change: the tracked entities and the appended rows. Use it, not <c>ChangeTracker.Clear()</c>.</summary>
    public void Reset()
    {
        ChangeTracker.Clear();
        _appended.Clear();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave([]);
        TrackAppended();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave([]);
        TrackAppended();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Saves a unit of work that only adds rows, as one reused batch of INSERTs (<see cref="InsertBatch"/>), after the same
    /// checks and reporting hook as <see cref="SaveChangesAsync(bool, CancellationToken)"/>. The saved entities are detached:
    /// read what is needed from them, not from the change tracker. <paramref name="aggregates"/> are new entities, with their
    /// owned parts, that were never added to the change tracker: they are written from the objects themselves, as are the
    /// appended rows.
    /// </summary>
    public async Task SaveNewRowsAsync(IReadOnlyList<object> aggregates, CancellationToken cancellationToken)
    {
        // New rows only: one scan for changes is enough, not one per look at the tracker.
        ChangeTracker.DetectChanges();
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            BeforeSave(aggregates.OfType<Dossiers.Dossier>());
            await InsertBatch.SaveAsync(this, [.. aggregates, .. _appended], cancellationToken);
            _appended.Clear();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private void TrackAppended()
    {
        AddRange(_appended);
        _appended.Clear();
    }

    /// <summary>What every save does first: history stays append-only, and the reporting timeline follows the dossiers.</summary>
    private void BeforeSave(IEnumerable<Dossiers.Dossier> untracked)
    {
        AuditEvent.GuardAppendOnly(ChangeTracker);
        Reporting.RecordTimeline.Capture(this, untracked);
    }
}
