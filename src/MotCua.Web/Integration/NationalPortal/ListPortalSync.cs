using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Integration.Notices;
using MotCua.Web.Integration.Outbox;

namespace MotCua.Web.Integration.NationalPortal;

/// <summary>
/// <c>GET /api/v1/national-portal/messages?status=</c> and the page <c>/backoffice/dong-bo-cong-quoc-gia</c>: the newest messages
/// to the national portal, each with the dossier code and status it carries, its attempts, last error, dead-letter mark and the
/// portal's acknowledgement; how many are in each delivery status; and how many wait behind an undelivered earlier message of
/// their dossier.
/// </summary>
internal static class ListPortalSync
{
    public sealed record PortalSyncItem(long Id, string DossierCode, int NationalStatus, bool IsUpdating, DeliveryStatus Status, bool Waiting, int Attempts,
        DateTime CreatedAt, DateTime? NextAttemptAt, DateTime? GaveUpAt, string? LastError, DateTime? AcknowledgedAt, string? Reference);

    public sealed record PortalSyncResponse(bool Configured, IReadOnlyDictionary<DeliveryStatus, int> Counts, int Waiting, IReadOnlyList<PortalSyncItem> Items);

    public static async Task<Ok<PortalSyncResponse>> Handle(string? status, MotCuaDbContext db, NationalPortalOptions options, CancellationToken cancellationToken) =>
        TypedResults.Ok(await QueryAsync(db, options, ListDeliveries.Parse(status), cancellationToken));

    public static async Task<PortalSyncResponse> QueryAsync(MotCuaDbContext db, NationalPortalOptions options, DeliveryStatus? status,
        CancellationToken cancellationToken)
    {
        var messages = db.OutboxMessages.AsNoTracking().Where(m => m.Channel == NotificationChannel.Portal);
        var counts = new Dictionary<DeliveryStatus, int>();
        foreach (var each in Enum.GetValues<DeliveryStatus>())
        {
            counts[each] = await In(messages, each).CountAsync(cancellationToken);
        }

        var waiting = Waiting(messages, db);
        var waitingCount = await waiting.CountAsync(cancellationToken);
        var rows = await (status is { } wanted ? In(messages, wanted) : messages)
            .OrderByDescending(m => m.Id)
            .Take(ListDeliveries.Shown)
            .Select(m => new { Message = m, Waiting = waiting.Any(w => w.Id == m.Id) })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Message.Id).ToList();
        var acks = await db.PortalAcknowledgements.AsNoTracking().Where(a => ids.Contains(a.OutboxMessageId))
            .ToDictionaryAsync(a => a.OutboxMessageId, cancellationToken);
        var items = rows.Select(r =>
        {
            var m = r.Message;
            var queued = JsonSerializer.Deserialize<PortalQueued>(m.Body, PortalSync.Json)!;
            var ack = acks.GetValueOrDefault(m.Id);
            return new PortalSyncItem(m.Id, m.Subject, queued.Dossier.TrangThaiHoSo, queued.IsUpdating, ListDeliveries.StatusOf(m), r.Waiting, m.Attempts,
                m.CreatedAt, m.DeliveredAt is null && m.GaveUpAt is null ? m.NextAttemptAt : null, m.GaveUpAt, m.LastError, ack?.AcknowledgedAt, ack?.Reference);
        }).ToList();
        return new PortalSyncResponse(options.Configured, counts, waitingCount, items);
    }

    private static IQueryable<OutboxMessage> In(IQueryable<OutboxMessage> messages, DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => messages.Where(m => m.DeliveredAt == null && m.GaveUpAt == null && m.Attempts == 0),
        DeliveryStatus.Retrying => messages.Where(m => m.DeliveredAt == null && m.GaveUpAt == null && m.Attempts > 0),
        DeliveryStatus.Delivered => messages.Where(m => m.DeliveredAt != null),
        DeliveryStatus.Dead => messages.Where(m => m.DeliveredAt == null && m.GaveUpAt != null),
    };

    /// <summary>Undelivered messages held back by an earlier undelivered message of the same dossier.</summary>
    private static IQueryable<OutboxMessage> Waiting(IQueryable<OutboxMessage> messages, MotCuaDbContext db) =>
        messages.Where(m => m.DeliveredAt == null && m.GaveUpAt == null && db.OutboxMessages.Any(e =>
            e.Channel == NotificationChannel.Portal && e.Topic == m.Topic && e.Id < m.Id && e.DeliveredAt == null));
}
