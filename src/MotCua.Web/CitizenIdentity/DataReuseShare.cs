using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;
using MotCua.Web.Reporting;
using MotCua.Web.Reporting.Outputs;

namespace MotCua.Web.CitizenIdentity;

/// <summary>
/// Decision 766/QĐ-TTg annex 4.3 as this module measures it (<see cref="Decision766Input.DigitisedDataReuse"/>): of the dossiers received
/// in the period at the selected units, those that reused digitised data or documents the state already held: the owner's data from
/// the national identity or an earlier dossier, or an earlier document for a component (<see cref="DossierReuse"/>).
/// </summary>
internal sealed class DataReuseShare(MotCuaDbContext db) : IDecision766Source
{
    public async Task<IReadOnlyDictionary<Decision766Input, Ratio>> MeasureAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var units = await UnitSelection.ResolveAsync(db, query, cancellationToken);
        var (from, to) = Ratings.RatingResults.Period(query);
        var received = await db.Dossiers.AsNoTracking()
            .Where(d => units.UnitIds.Contains(d.ReceivingUnitId) && d.ReceivedAt >= from && d.ReceivedAt < to)
            .Where(d => query.ProcedureCode == null || d.ProcedureCode == query.ProcedureCode)
            .Select(d => new { Reused = db.DossierReuses.Any(r => r.DossierId == d.Id) })
            .ToListAsync(cancellationToken);
        return new Dictionary<Decision766Input, Ratio>
        {
            [Decision766Input.DigitisedDataReuse] = new(received.Count(d => d.Reused), received.Count),
        };
    }
}
