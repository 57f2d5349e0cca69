using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Reporting;
using MotCua.Web.Reporting.Outputs;

namespace MotCua.Web.Payments;

/// <summary>
/// The Decision 766/QĐ-TTg online-payment inputs (DESIGN.md §4.10), for a unit subtree and period:
/// <list type="bullet">
/// <item><see cref="Decision766Input.OnlinePaymentShare"/> (3.6): of the dossiers of fee-bearing procedures received in the period at
/// the selected units, those paid online (the portal's DuocThanhToanTrucTuyen); an exempt dossier owes nothing and is left out.</item>
/// <item><see cref="Decision766Input.OnlinePaymentCoverage"/> (3.5): of the fee-bearing procedures these dossiers were received under,
/// those integrated for online payment: offered online while the unit's gateway is configured.</item>
/// </list>
/// </summary>
internal sealed class PaymentInputs(MotCuaDbContext db, IOptions<PaymentOptions> options) : IDecision766Source
{
    public async Task<IReadOnlyDictionary<Decision766Input, Ratio>> MeasureAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var units = await UnitSelection.ResolveAsync(db, query, cancellationToken);
        var (from, to) = Ratings.RatingResults.Period(query);
        var feeBearing = db.Set<Catalog.ProcedureFee>().Where(f => f.Amount > 0).Select(f => f.VersionId);
        var dossiers = await db.Dossiers.AsNoTracking()
            .Where(d => units.UnitIds.Contains(d.ReceivingUnitId) && d.ReceivedAt >= from && d.ReceivedAt < to && feeBearing.Contains(d.ProcedureVersionId))
            .Where(d => query.ProcedureCode == null || d.ProcedureCode == query.ProcedureCode)
            .Select(d => new
            {
                d.Id,
                d.ProcedureVersionId,
                Exempt = db.DossierCharges.Any(c => c.DossierId == d.Id) && !db.DossierCharges.Any(c => c.DossierId == d.Id && c.ScheduledAmount > c.Reduction),
                Online = db.Payments.Any(p => p.DossierId == d.Id && p.Method == PaymentMethod.Online),
            })
            .ToListAsync(cancellationToken);
        var owing = dossiers.Where(d => !d.Exempt).ToList();
        var versions = dossiers.Select(d => d.ProcedureVersionId).Distinct().ToList();
        var offeredOnline = options.Value.Gateway.Enabled
            ? await db.ProcedureVersions.AsNoTracking().CountAsync(v => versions.Contains(v.Id) && v.OnlineMode != Catalog.OnlineMode.None, cancellationToken)
            : 0;
        return new Dictionary<Decision766Input, Ratio>
        {
            [Decision766Input.OnlinePaymentShare] = new(owing.Count(d => d.Online), owing.Count),
            [Decision766Input.OnlinePaymentCoverage] = new(offeredOnline, versions.Count),
        };
    }
}
