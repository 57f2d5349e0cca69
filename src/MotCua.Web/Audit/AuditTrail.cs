using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Audit;

/// <summary>
/// Makes history rows in the caller's unit of work, so the change and its record commit together. <see cref="RecordAsync"/>
/// adds the row to the context's change tracker, which the caller's save writes and a failed or abandoned request drops;
/// the Dossiers module's commit step takes the rows themselves (<see cref="NextAsync"/>, <see cref="First"/>). Two writers
/// racing on one stream collide on the unique (stream, sequence) index: one wins, the other gets 409, and the chain never forks.
/// </summary>
internal sealed class AuditTrail(MotCuaDbContext db, TimeProvider clock)
{
    // Vietnamese stays readable in the stored history.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    /// <summary>Adds the next entry of an entity's history to the caller's unit of work.</summary>
    public async Task RecordAsync(Actor actor, string action, string entityType, string entityId, object? before, object? after, CancellationToken cancellationToken) =>
        db.Add(await NextAsync(actor, action, entityType, entityId, before, after, cancellationToken));

    /// <summary>The next entry of an entity's history, chained to its head: one added earlier in this unit of work, else the stored one.</summary>
    public async Task<AuditEvent> NextAsync(Actor actor, string action, string entityType, string entityId, object? before, object? after,
        CancellationToken cancellationToken)
    {
        var streamId = entityType + ":" + entityId;
        var pending = db.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added && e.Entity.StreamId == streamId)
            .Select(e => e.Entity).MaxBy(e => e.Sequence);
        // An entity inserted in this unit of work has no history yet: its stream starts here, without a read.
        var head = pending is not null
            ? new Head(pending.Sequence, pending.Hash)
            : IsBeingCreated(entityType, entityId) ? null
            : await db.AuditEvents.AsNoTracking()
                .Where(e => e.StreamId == streamId)
                .OrderByDescending(e => e.Sequence)
                .Select(e => new Head(e.Sequence, e.Hash))
                .FirstOrDefaultAsync(cancellationToken);
        return Entry(actor, action, streamId, entityType, entityId, before, after, head);
    }

    /// <summary>The first entry of the history of an entity created in this unit of work: its stream starts here, without a read.</summary>
    public AuditEvent First(Actor actor, string action, string entityType, string entityId, object? after) =>
        Entry(actor, action, entityType + ":" + entityId, entityType, entityId, null, after, null);

    private AuditEvent Entry(Actor actor, string action, string streamId, string entityType, string entityId, object? before, object? after, Head? head)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new AuditEvent
        {
            StreamId = streamId,
            Sequence = (head?.Sequence ?? 0) + 1,
            OccurredAt = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc),
            ActorId = actor.Id,
            ActorName = actor.Name,
            ActorRole = actor.Role,
            ActorUnitCode = actor.UnitCode,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            PreviousHash = head?.Hash ?? AuditEvent.GenesisHash,
        };
        row.Seal();
        return row;
    }
    private bool IsBeingCreated(string entityType, string entityId) =>
        db.ChangeTracker.Entries().Any(e => e.State == EntityState.Added && e.Metadata.ClrType.Name == entityType
            && e.Metadata.FindPrimaryKey()?.Properties is [var key] && !e.Property(key.Name).IsTemporary
            && string.Equals(Convert.ToString(e.Property(key.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture), entityId, StringComparison.Ordinal));

    private sealed record Head(int Sequence, string Hash);
}
