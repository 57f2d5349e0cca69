using Microsoft.EntityFrameworkCore;
using MotCua.Web.Dossiers;
using MotCua.Web.Ratings;
using MotCua.Web.Reporting;
using MotCua.Web.Reporting.Outputs;

namespace MotCua.Web.Signatures;

/// <summary>
/// Decision 766/QĐ-TTg annex 4.1 as this module measures it (<see cref="Decision766Input.SignedResultsShare"/>): of the dossiers decided
/// with a result in the period at the selected handling units, those whose result is an electronic result signed by the unit. A result
/// issued electronically has the legal value of the paper one only when the issuing agency signs it digitally (Law 20/2023/QH15 on
/// electronic transactions; Decree 45/2020/NĐ-CP on administrative procedures in the electronic environment).
/// </summary>
internal sealed class SignedResultsShare(MotCuaDbContext db) : IDecision766Source
{
    public async Task<IReadOnlyDictionary<Decision766Input, Ratio>> MeasureAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var units = await UnitSelection.ResolveAsync(db, query, cancellationToken);
        var (from, to) = RatingResults.Period(query);
        var decided = await db.Dossiers.AsNoTracking()
            .Where(d => units.UnitIds.Contains(d.HandlingUnitId) && d.FinishedAt >= from && d.FinishedAt < to && d.Outcome == DossierOutcome.Result)
            .Where(d => query.ProcedureCode == null || d.ProcedureCode == query.ProcedureCode)
            .Select(d => new { Signed = d.Files.Any(f => f.Kind == DossierFileKind.Result && f.SignedAt != null) })
            .ToListAsync(cancellationToken);
        return new Dictionary<Decision766Input, Ratio>
        {
            [Decision766Input.SignedResultsShare] = new(decided.Count(d => d.Signed), decided.Count),
        };
    }
}
