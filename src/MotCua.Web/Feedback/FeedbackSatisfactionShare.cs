using Microsoft.EntityFrameworkCore;
using MotCua.Web.Reporting;
using MotCua.Web.Reporting.Outputs;

namespace MotCua.Web.Feedback;

/// <summary>
/// <see cref="Decision766Input.FeedbackSatisfactionShare"/>, Decision 766/QĐ-TTg annex item 5.3 (check: the annex text was not found; this
/// is the developers' reading): of the petitions first received in the period at the selected units (not those raising an earlier one
/// again), those whose sender did not rate the answer "không hài lòng", that were not raised again, and that are not overdue: answered on
/// time, or not answered but still within the deadline at the period's end. Ratings and re-raises count as known when the report is run.
/// </summary>
internal sealed class FeedbackSatisfactionShare(MotCuaDbContext db) : IDecision766Source
{
    public async Task<IReadOnlyDictionary<Decision766Input, Ratio>> MeasureAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var units = await UnitSelection.ResolveAsync(db, query, cancellationToken);
        var (from, to) = Ratings.RatingResults.Period(query);
        var first = await db.Petitions.AsNoTracking()
            .Where(p => units.UnitIds.Contains(p.UnitId) && p.ReceivedAt >= from && p.ReceivedAt < to && p.EarlierPetitionId == null)
            .Where(p => query.ProcedureCode == null || p.ProcedureCode == query.ProcedureCode)
            .Select(p => new { p.AnsweredAt, p.DueAt, p.SenderSatisfied, p.RaisedAgainById })
            .ToListAsync(cancellationToken);
        var satisfied = first.Count(p => p.SenderSatisfied != false && p.RaisedAgainById is null
            && (p.AnsweredAt is { } answered && answered < to
                ? p.DueAt is { } due && answered <= due
                : p.DueAt is not { } deadline || deadline >= to));
        return new Dictionary<Decision766Input, Ratio> { [Decision766Input.FeedbackSatisfactionShare] = new(satisfied, first.Count) };
    }
}
