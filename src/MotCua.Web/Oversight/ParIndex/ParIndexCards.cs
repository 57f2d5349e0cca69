using Microsoft.EntityFrameworkCore;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Reporting;
using MotCua.Web.Reporting.Outputs;

namespace MotCua.Web.Oversight.ParIndex;

internal sealed record ParUnit(int Id, string Code, string Name, string Path, ParSubject Subject);

/// <summary>A unit's points on one leaf criterion, with the figure an automatic one was measured on and the stored score row, if any.</summary>
internal sealed record ParLeaf(ParIndexCriterion Criterion, decimal Points, Ratio? Measured, ParIndexScore? Score);

/// <summary>A unit's scores on every leaf of a year's tree.</summary>
internal sealed record ParCard(ParUnit Unit, IReadOnlyList<ParLeaf> Leaves)
{
    public decimal Total => Leaves.Sum(l => l.Points);
}

/// <summary>
/// Reads a year's index: its tree, the units it ranks and each unit's scores. Automatic criteria are measured through
/// <see cref="GetDecision766.MeasureAsync"/> (the period report and the modules' Decision 766 inputs) over the year, up to today while it runs,
/// for the unit with its subtree: the same figures as the period report for that unit and period (and the desk team's grades as the staff
/// performance figures count them, the inspections' corrections as the inspection plans record them). Once finalised, the frozen rows are read.
/// </summary>
internal sealed class ParIndexCards(MotCuaDbContext db, IPeriodReports reports, IEnumerable<IDecision766Source> sources, TimeProvider clock)
{
    public async Task<ParIndexFramework> FrameworkAsync(int id, CancellationToken cancellationToken) =>
        await db.ParIndexFrameworks.AsNoTracking().Include(f => f.Criteria).SingleOrDefaultAsync(f => f.Id == id, cancellationToken)
        ?? throw ProblemException.NotFound();

    /// <summary>The year the automatic criteria are measured over; a year still running ends today.</summary>
    public (DateOnly From, DateOnly To) Period(ParIndexFramework framework)
    {
        var today = DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        var end = new DateOnly(framework.Year, 12, 31);
        return (new DateOnly(framework.Year, 1, 1), end > today ? today : end);
    }

    /// <summary>The units of the province the index ranks: of the framework's kinds, in existence at some time during the year; once the year is
    /// finalised, those it froze scores for, so that a unit added later does not join a closed ranking.</summary>
    public async Task<IReadOnlyList<ParUnit>> UnitsAsync(ParIndexFramework framework, CancellationToken cancellationToken)
    {
        var frozen = framework.State == ParIndexState.Open ? null
            : (await db.ParIndexScores.AsNoTracking().Where(s => s.FrameworkId == framework.Id).Select(s => s.UnitId).Distinct().ToListAsync(cancellationToken))
                .ToHashSet();
        var province = await db.Units.AsNoTracking().Where(u => u.Code == framework.ProvinceCode).Select(u => new { u.Id, u.Path })
            .SingleAsync(cancellationToken);
        var (first, last) = (new DateOnly(framework.Year, 1, 1), new DateOnly(framework.Year, 12, 31));
        var units = await db.Units.AsNoTracking()
            .Where(u => u.Path.StartsWith(province.Path) && u.Id != province.Id && u.ValidFrom <= last && (u.ValidTo == null || u.ValidTo >= first))
            .Select(u => new { u.Id, u.Code, u.Name, u.Path, u.Kind, u.Level, u.ParentId })
            .ToListAsync(cancellationToken);
        var subjects = framework.SubjectList;
        return [.. units
            .Select(u => (Unit: u, Subject: ParIndexFramework.SubjectOf(u.Kind, u.Level, u.ParentId == province.Id)))
            .Where(u => u.Subject is { } s && subjects.Contains(s) && (frozen is null || frozen.Contains(u.Unit.Id)))
            .Select(u => new ParUnit(u.Unit.Id, u.Unit.Code, u.Unit.Name, u.Unit.Path, u.Subject!.Value))
            .OrderBy(u => u.Code, StringComparer.Ordinal)];
    }

    public async Task<ParUnit> UnitAsync(ParIndexFramework framework, string unitCode, CancellationToken cancellationToken) =>
        (await UnitsAsync(framework, cancellationToken)).SingleOrDefault(u => u.Code == unitCode) ?? throw ProblemException.NotFound("Units.NotFound");

    public async Task<ParCard> CardAsync(ParIndexFramework framework, ParUnit unit, CancellationToken cancellationToken)
    {
        var scores = await db.ParIndexScores.AsNoTracking().Include(s => s.Evidence).Where(s => s.FrameworkId == framework.Id && s.UnitId == unit.Id)
            .ToDictionaryAsync(s => s.CriterionId, cancellationToken);
        var leaves = Leaves(framework);
        Dictionary<ParMeasure, Ratio?>? measured = null;
        if (framework.State == ParIndexState.Open && leaves.Any(l => l.Scoring == ParScoring.Automatic))
        {
            var (from, to) = Period(framework);
            measured = await MeasureAsync(new ReportQuery(from, to, unit.Code), cancellationToken);
        }

        return new ParCard(unit, [.. leaves.Select(leaf =>
        {
            var score = scores.GetValueOrDefault(leaf.Id);
            if (framework.State != ParIndexState.Open)
            {
                var frozen = score?.MeasuredWhole is { } whole ? new Ratio(score.MeasuredPart!.Value, whole) : null;
                return new ParLeaf(leaf, score?.FinalPoints ?? 0m, frozen, score);
            }

            var ratio = leaf.Measure is { } measure ? measured![measure] : null;
            return new ParLeaf(leaf, LivePoints(leaf, ratio, score), ratio, score);
        })]);
    }

    /// <summary>Every automatic measure for one unit and period, from the period report and the Decision 766 inputs as those pages show them, the
    /// desk team's grades as the staff performance page shows them, and the corrections the inspections required.</summary>
    public async Task<Dictionary<ParMeasure, Ratio?>> MeasureAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var (report, inputs) = await GetDecision766.MeasureAsync(reports, db, sources, query, cancellationToken);
        var path = await db.Units.AsNoTracking().Where(u => u.Code == query.UnitCode).Select(u => u.Path).SingleAsync(cancellationToken);
        var desk = GetStaffPerformance.Team(await GetStaffPerformance.DeskGradesAsync(db, path, query.To.Year, null, cancellationToken), null);
        var figures = new ParFigures(report.Totals, inputs, new Ratio(desk.Excellent, desk.Graded),
            await CorrectionsOnTimeAsync(path, query.From, query.To, cancellationToken));
        return Enum.GetValues<ParMeasure>().ToDictionary(m => m, m => Measure(m, figures));
    }

    /// <summary>
    /// The unit's follow-up of inspections of reform work: of the corrections required of it (or of its offices) due within the period, those
    /// done by their deadline (the deadline day itself is in time), among those settled, i.e. done or already past their deadline; one due today
    /// and not yet done is still in time and not counted. Decision 876/QĐ-BNV (10/11/2022) scores, in its area on directing reform, the
    /// inspection of reform work and the handling of the problems inspections find (check), which each province's index restates for its units.
    /// </summary>
    private async Task<Ratio> CorrectionsOnTimeAsync(string path, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var today = DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        var due = await db.InspectionCorrections.AsNoTracking()
            .Where(c => c.Deadline >= from && c.Deadline <= to && (c.DoneOn != null || c.Deadline < today)
                && db.Units.Any(u => u.Id == c.UnitId && u.Path.StartsWith(path)))
            .Select(c => new { c.Deadline, c.DoneOn })
            .ToListAsync(cancellationToken);
        return new Ratio(due.Count(c => c.DoneOn <= c.Deadline), due.Count);
    }

    private sealed record ParFigures(ReportFigures Totals, IReadOnlyDictionary<Decision766Input, Ratio> Inputs, Ratio DeskExcellent, Ratio CorrectionsOnTime);

    private static Ratio? Measure(ParMeasure measure, ParFigures f) => measure switch
    {
        ParMeasure.OnTimeRate => new Ratio(f.Totals.ResolvedEarly + f.Totals.ResolvedOnTime, f.Totals.Resolved),
        ParMeasure.ResultsAttached => new Ratio(f.Totals.ResultsAttached, f.Totals.Resolved),
        ParMeasure.OnlineShare => new Ratio(f.Totals.ReceivedOnline, f.Totals.ReceivedNew),
        ParMeasure.PostalShare => new Ratio(f.Totals.ReceivedPostal, f.Totals.ReceivedNew),
        ParMeasure.FeedbackOnTime => f.Inputs.GetValueOrDefault(Decision766Input.FeedbackHandledShare),
        ParMeasure.Satisfaction => f.Inputs.GetValueOrDefault(Decision766Input.SatisfactionRate),
        ParMeasure.SignedResults => f.Inputs.GetValueOrDefault(Decision766Input.SignedResultsShare),
        ParMeasure.DeskExcellentShare => f.DeskExcellent,
        ParMeasure.CorrectionsOnTime => f.CorrectionsOnTime,
    };

    /// <summary>Points before finalisation: automatic ones pro rata up to the target, the others the appraiser's score, else the unit's own
    /// (self-assessed only), else none.</summary>
    public static decimal LivePoints(ParIndexCriterion leaf, Ratio? measured, ParIndexScore? score) => leaf.Scoring switch
    {
        ParScoring.Automatic => AutomaticPoints(leaf, measured),
        ParScoring.SelfAssessed => score?.AppraisedPoints ?? score?.SelfPoints ?? 0m,
        ParScoring.Appraised or ParScoring.Survey => score?.AppraisedPoints ?? 0m,
        null => 0m,
    };

    /// <summary>Maximum × min(1, rate ÷ target), to the hundredth; nothing to measure earns nothing (the report says "no data").</summary>
    public static decimal AutomaticPoints(ParIndexCriterion leaf, Ratio? measured)
    {
        if (measured is not { Whole: > 0 } ratio)
        {
            return 0m;
        }

        var target = leaf.Target is > 0 ? leaf.Target.Value : 1m;
        var share = Math.Min(1m, ratio.Part / (ratio.Whole * target));
        return Math.Round(leaf.MaxPoints * share, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>The leaves of the tree (criteria without sub-criteria), in the tree's order.</summary>
    public static IReadOnlyList<ParIndexCriterion> Leaves(ParIndexFramework framework) =>
        [.. framework.Criteria.Where(c => !framework.Criteria.Any(k => k.ParentId == c.Id)).OrderBy(c => c.Position)];

    /// <summary>The area (top node) a criterion belongs to.</summary>
    public static ParIndexCriterion AreaOf(ParIndexFramework framework, ParIndexCriterion criterion)
    {
        var node = criterion;
        while (node.ParentId is { } parent)
        {
            node = framework.Criteria.Single(c => c.Id == parent);
        }

        return node;
    }
}
