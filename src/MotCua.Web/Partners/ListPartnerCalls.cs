using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Calendar;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Partners;

/// <summary><c>GET /api/v1/partners/calls</c>: the partners' calls in a period (Vietnam dates), newest first, with counts per client and status.</summary>
internal static class ListPartnerCalls
{
    public const int MaxRows = 500;

    public sealed record Call(string ClientId, string? Scope, string Method, string Path, int Status, DateTimeOffset At);

    public sealed record Count(string ClientId, int Status, int Calls);

    public sealed record Response(int Total, bool Truncated, IReadOnlyList<Count> Counts, IReadOnlyList<Call> Calls);

    public static async Task<Response> Handle(string? from, string? to, string? clientId, MotCuaDbContext db, TimeProvider clock,
        IStringLocalizer<PartnersResource> text, CancellationToken cancellationToken)
    {
        var today = Dossiers.DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        var errors = new FieldErrors(text);
        var first = Date(errors, "from", from) ?? today;
        var last = Date(errors, "to", to) ?? today;
        if (last < first)
        {
            errors.Add("to", "Calls.ToBeforeFrom");
        }

        errors.MaxLength("clientId", clientId, 60);
        errors.ThrowIfAny();
        var start = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - VietnamTime.Offset;
        var end = last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - VietnamTime.Offset;
        var calls = db.PartnerCalls.AsNoTracking().Where(c => c.At >= start && c.At < end);
        if (!string.IsNullOrWhiteSpace(clientId))
        {
            calls = calls.Where(c => c.ClientId == clientId.Trim());
        }

        var counts = await calls.GroupBy(c => new { c.ClientId, c.Status })
            .Select(g => new Count(g.Key.ClientId, g.Key.Status, g.Count()))
            .ToListAsync(cancellationToken);
        var rows = await calls.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(MaxRows)
            .Select(c => new { c.ClientId, c.Scope, c.Method, c.Path, c.Status, c.At })
            .ToListAsync(cancellationToken);
        var total = counts.Sum(c => c.Calls);
        return new Response(total, total > rows.Count, [.. counts.OrderBy(c => c.ClientId, StringComparer.Ordinal).ThenBy(c => c.Status)],
            [.. rows.Select(r => new Call(r.ClientId, r.Scope, r.Method, r.Path, r.Status, VietnamTime.FromUtc(DateTime.SpecifyKind(r.At, DateTimeKind.Utc))))]);
    }

    private static DateOnly? Date(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, "Calls.BadDate");
        return null;
    }
}
