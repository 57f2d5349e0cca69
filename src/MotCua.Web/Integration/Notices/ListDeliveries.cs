using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Integration.Outbox;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Integration.Notices;

internal enum DeliveryStatus
{
    Pending,
    Retrying,
    Delivered,
    Dead,
}

/// <summary>
/// <c>GET /api/v1/notices?status=</c> and the page <c>/backoffice/thong-bao</c>: the newest notices with their delivery
/// status, attempts, next attempt and last error, and how many are in each status. Recipients are masked: the
/// administrator needs to see that a message went, not whose phone it was.
/// </summary>
internal static class ListDeliveries
{
    public sealed record Item(long Id, string Channel, string Recipient, string? Template, string? Topic, DeliveryStatus Status, int Attempts,
        DateTime CreatedAt, DateTime? NextAttemptAt, DateTime? DeliveredAt, DateTime? GaveUpAt, string? LastError);

    public sealed record Response(IReadOnlyDictionary<DeliveryStatus, int> Counts, IReadOnlyList<Item> Items);

    public const int Shown = 200;

    public static async Task<Ok<Response>> Handle(string? status, MotCuaDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await QueryAsync(db, Parse(status), cancellationToken));

    public static DeliveryStatus? Parse(string? status) =>
        string.IsNullOrEmpty(status) ? null
        : Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
        : throw ProblemException.Invalid(new Dictionary<string, string[]> { ["status"] = ["pending, retrying, delivered, dead"] });

    public static async Task<Response> QueryAsync(MotCuaDbContext db, DeliveryStatus? status, CancellationToken cancellationToken)
    {
        var messages = db.OutboxMessages.AsNoTracking().Where(m => m.Channel != NotificationChannel.Portal);
        var counts = new Dictionary<DeliveryStatus, int>();
        foreach (var each in Enum.GetValues<DeliveryStatus>())
        {
            counts[each] = await In(messages, each).CountAsync(cancellationToken);
        }

        var rows = await (status is { } wanted ? In(messages, wanted) : messages)
            .OrderByDescending(m => m.Id)
            .Take(Shown)
            .ToListAsync(cancellationToken);
        var items = rows.Select(m => new Item(m.Id, m.Channel.ToString(), Mask(m.Channel, m.Recipient), m.Template, m.Topic, StatusOf(m), m.Attempts,
            m.CreatedAt, m.DeliveredAt is null && m.GaveUpAt is null ? m.NextAttemptAt : null, m.DeliveredAt, m.GaveUpAt, m.LastError)).ToList();
        return new Response(counts, items);
    }

    public static DeliveryStatus StatusOf(OutboxMessage m) =>
        m.DeliveredAt is not null ? DeliveryStatus.Delivered : m.GaveUpAt is not null ? DeliveryStatus.Dead : m.Attempts > 0 ? DeliveryStatus.Retrying : DeliveryStatus.Pending;

    private static IQueryable<OutboxMessage> In(IQueryable<OutboxMessage> messages, DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => messages.Where(m => m.DeliveredAt == null && m.GaveUpAt == null && m.Attempts == 0),
        DeliveryStatus.Retrying => messages.Where(m => m.DeliveredAt == null && m.GaveUpAt == null && m.Attempts > 0),
        DeliveryStatus.Delivered => messages.Where(m => m.DeliveredAt != null),
        DeliveryStatus.Dead => messages.Where(m => m.DeliveredAt == null && m.GaveUpAt != null),
    };

    /// <summary>The last 3 digits of a phone, the first letter and the domain of an address.</summary>
    public static string Mask(NotificationChannel channel, string recipient) => channel switch
    {
        NotificationChannel.Sms => recipient.Length > 3 ? new string('•', recipient.Length - 3) + recipient[^3..] : "•••",
        NotificationChannel.Email => recipient.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? recipient[0] + "•••" + recipient[at..] : "•••",
        NotificationChannel.Portal => recipient,
    };
}
