using Microsoft.EntityFrameworkCore;
using MotCua.Web.Calendar;
using MotCua.Web.Feedback;
using MotCua.Web.Reporting;
using MotCua.Web.Reporting.Outputs;

namespace MotCua.Web.Ratings;

/// <summary>
/// The Decision 766/QĐ-TTg inputs the citizen's voice holds, for a unit subtree and period (DESIGN.md §4.10):
/// <list type="bullet">
/// <item><see cref="Decision766Input.ComplainedDossiers"/>: of the dossiers decided in the period at the selected handling units,
/// those not late (against the original due date) but rated "not satisfied" or the subject of a petition. The scorer derives the
/// dossier satisfaction (annex 5.4, as the national portal scores it, not an average of ratings) from it.</item>
/// <item><see cref="Decision766Input.FeedbackHandledShare"/>: petitions answered on time in the period, of those answered in it
/// and those still pending past their due date at its end.</item>
/// </list>
/// </summary>
internal sealed class SatisfactionInputs(MotCuaDbContext db) : IDecision766Source
{
    public async Task<IReadOnlyDictionary<Decision766Input, Ratio>> MeasureAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var units = await UnitSelection.ResolveAsync(db, query, cancellationToken);
        var (from, to) = RatingResults.Period(query);
        var decided = await db.Dossiers.AsNoTracking()
            .Where(d => units.UnitIds.Contains(d.HandlingUnitId) && d.FinishedAt >= from && d.FinishedAt < to)
            .Where(d => query.ProcedureCode == null || d.ProcedureCode == query.ProcedureCode)
            // The decision's timeliness (against the original due date) is in its reporting milestone: no judging again here.
            .Select(d => new
            {
                d.Id,
                Late = db.Set<DossierMilestone>().Any(m => m.DossierId == d.Id && m.Kind == MilestoneKind.Decided && m.Timeliness == Timeliness.Late),
            })
            .ToListAsync(cancellationToken);
        var ids = decided.Select(d => d.Id).ToList();
        var unhappy = await db.Ratings.AsNoTracking().Where(r => ids.Contains(r.DossierId) && r.Overall == Satisfaction.NotSatisfied)
            .Select(r => r.DossierId).ToListAsync(cancellationToken);
        var complained = await db.Petitions.AsNoTracking().Where(p => p.DossierId != null && ids.Contains(p.DossierId.Value))
            .Select(p => p.DossierId!.Value).ToListAsync(cancellationToken);
        var dissatisfied = unhappy.Concat(complained).ToHashSet();
        // The scorer takes late and overdue dossiers off itself (annex 5.4): count here only the complaints about the others.
        var complainedInTime = decided.Count(d => dissatisfied.Contains(d.Id) && !d.Late);

        var petitions = await PetitionFigures.CountAsync(db, query, cancellationToken);
        return new Dictionary<Decision766Input, Ratio>
        {
            [Decision766Input.ComplainedDossiers] = new(complainedInTime, decided.Count),
            [Decision766Input.FeedbackHandledShare] = new(petitions.AnsweredOnTime, petitions.AnsweredOnTime + petitions.AnsweredLate + petitions.PendingOverdue),
        };
    }
}
