using Microsoft.EntityFrameworkCore;
using MotCua.Web.Integration.Outbox;
using MotCua.Web.Ratings;
using MotCua.Web.Reporting;
using MotCua.Web.Reporting.Outputs;

namespace MotCua.Web.Integration.NationalPortal;

/// <summary>
/// Decision 766/QĐ-TTg annex 1.4 as this module measures it (<see cref="Decision766Input.PortalSyncShare"/>): of the dossiers
/// received in the period at the selected handling units, those whose progress the national portal holds: the portal
/// acknowledged the dossier, and every status change queued for it so far was acknowledged too (none waiting, retrying or
/// dead). The portal scores this from what it received (check: its method counts dossiers synchronised against those the
/// unit reported); counting the portal's own acknowledgements is the closest measure the system holds.
/// </summary>
internal sealed class PortalSyncShare(MotCuaDbContext db) : IDecision766Source
{
    public async Task<IReadOnlyDictionary<Decision766Input, Ratio>> MeasureAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var units = await UnitSelection.ResolveAsync(db, query, cancellationToken);
        var (from, to) = RatingResults.Period(query);
        var received = await db.Dossiers.AsNoTracking()
            .Where(d => units.UnitIds.Contains(d.HandlingUnitId) && d.ReceivedAt >= from && d.ReceivedAt < to)
            .Where(d => query.ProcedureCode == null || d.ProcedureCode == query.ProcedureCode)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);
        var acknowledged = (await db.PortalAcknowledgements.AsNoTracking().Where(a => received.Contains(a.DossierId))
            .Select(a => a.DossierId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var topics = received.Select(PortalSync.Topic).ToList();
        var behind = (await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Channel == NotificationChannel.Portal && m.DeliveredAt == null && topics.Contains(m.Topic!))
            .Select(m => m.Topic!).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var synchronised = received.Count(id => acknowledged.Contains(id) && !behind.Contains(PortalSync.Topic(id)));
        return new Dictionary<Decision766Input, Ratio> { [Decision766Input.PortalSyncShare] = new(synchronised, received.Count) };
    }
}
