using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Partners;

/// <summary><c>GET /api/v1/partners</c>: the registered clients, without their secrets.</summary>
internal static class ListPartners
{
    public sealed record Item(string ClientId, string Name, PartnerKind Kind, IReadOnlyList<string> Scopes, IReadOnlyList<string> UnitCodes,
        int RatePerMinute, int SecretVersion, bool Enabled, DateTime CreatedAt);

    public static async Task<List<Item>> Handle(MotCuaDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.PartnerClients.AsNoTracking().OrderBy(c => c.ClientId)
            .Select(c => new { c.ClientId, c.Name, c.Kind, c.Scopes, Units = c.Units.Select(u => u.Unit!.Code).ToList(), c.RatePerMinute, c.SecretVersion, c.Enabled, c.CreatedAt })
            .Take(500)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new Item(r.ClientId, r.Name, r.Kind, r.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), r.Units.Order(StringComparer.Ordinal).ToList(),
            r.RatePerMinute, r.SecretVersion, r.Enabled, DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc))).ToList();
    }
}
