using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Audit;

/// <summary>
/// Appends history rows in the caller's unit of work, so the change and its record commit together.
/// Two writers racing on one stream collide on the unique (stream, sequence) index: one wins, the other
/// gets 409, and the chain never forks.
/// </summary>
internal sealed class AuditTrail(MotCuaDbContext db, TimeProvider clock)
{
    // Vietnamese stays readable in the stored history.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    public async Task RecordAsync(Actor actor, string action, string entityType, string entityId, object? before, object? after, CancellationToken cancellationToken)
    {
        var streamId = entityType + ":" + entityId;
        var pending = db.Appended<AuditEvent>().Where(e => e.StreamId == streamId).MaxBy(e => e.Sequence);
        // An entity inserted in this unit of work has no history yet: its stream starts here, without a read.
        var head = pending is not null
            ? new Head(pending.Sequence, pending.Hash)
            : IsBeingCreated(entityType, entityId) ? null
            : await db.AuditEvents.AsNoTracking()
                .Where(e => e.StreamId == streamId)
                .OrderByDescending(e => e.Sequence)
                .Select(e => new Head(e.Sequence, e.Hash))
                .FirstOrDefaultAsync(cancellationToken);
        Append(actor, action, streamId, entityType, entityId, before, after, head);
    }

    /// <summary>
    /// The first entry of the history of an entity created in this unit of work and kept out of the change tracker (saved by
    /// <see cref="MotCuaDbContext.SaveNewRowsAsync"/>): its stream starts here, without a read.
    /// </summary>
    public void RecordCreated(Actor actor, string action, string entityType, string entityId, object? after) =>
        Append(actor, action, entityType + ":" + entityId, entityType, entityId, null, after, null);

    private void Append(Actor actor, string action, string streamId, string entityType, string entityId, object? before, object? after, Head? head)
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
        db.Append(row);
    }

    private bool IsBeingCreated(string entityType, string entityId) =>
        db.ChangeTracker.Entries().Any(e => e.State == EntityState.Added && e.Metadata.ClrType.Name == entityType
            && e.Metadata.FindPrimaryKey()?.Properties is [var key] && !e.Property(key.Name).IsTemporary
            && string.Equals(Convert.ToString(e.Property(key.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture), entityId, StringComparison.Ordinal));

    private sealed record Head(int Sequence, string Hash);
}
