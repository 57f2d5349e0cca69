using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Reporting.Outputs;

/// <summary>
/// <c>GET /api/v1/reports/decision766?unitCode=&amp;from=&amp;to=</c>: the Decision 766/QĐ-TTg score of a unit (with its
/// subtree) for a period, each group and component with its inputs (part of whole), the rule, the thresholds and the
/// points, and a sentence saying how the points came about. Scoped like the period report.
/// </summary>
internal static class GetDecision766
{
    public sealed record Component(string Key, string Name, string Input, int? Part, int? Whole, decimal? Value, string Rule, decimal Target,
        IReadOnlyList<Decision766Step> Steps, decimal Max, decimal Points, string Status, string Explanation);

    public sealed record Group(string Key, string Name, decimal Max, decimal Points, IReadOnlyList<Component> Components);

    public sealed record Response(string UnitCode, string UnitName, DateOnly From, DateOnly To, decimal Total, decimal Max, IReadOnlyList<Group> Groups);

    public static async Task<Ok<Response>> Handle(string? unitCode, string? from, string? to, IPeriodReports reports, MotCuaDbContext db,
        CurrentActor actor, IOptions<Decision766Options> options, IEnumerable<IDecision766Source> sources, IStringLocalizer<SharedResource> shared,
        IStringLocalizer<ReportingOutputsResource> text, CancellationToken cancellationToken)
    {
        var query = await AuthorizedAsync(reports, actor, shared, unitCode, from, to, cancellationToken);
        return TypedResults.Ok(await ScoreAsync(reports, db, options.Value, sources, text, query, cancellationToken));
    }

    /// <summary>Decision 766 scores a unit with its subtree, whatever the domain, procedure or channel; scoped like the period report.</summary>
    public static async Task<ReportQuery> AuthorizedAsync(IPeriodReports reports, CurrentActor actor, IStringLocalizer<SharedResource> shared, string? unitCode,
        string? from, string? to, CancellationToken cancellationToken)
    {
        var query = new ReportSelection(from, to, unitCode, true, null, null, null, null).Validate(actor, shared);
        await reports.AuthorizeAsync(actor, query, cancellationToken);
        return query;
    }

    /// <summary>Scores an authorised selection: the period report gives the dossier figures, the unit's listing the share of procedures online,
    /// and each module's <see cref="IDecision766Source"/> the inputs it holds.</summary>
    public static async Task<Response> ScoreAsync(IPeriodReports reports, MotCuaDbContext db, Decision766Options options,
        IEnumerable<IDecision766Source> sources, IStringLocalizer text, ReportQuery query, CancellationToken cancellationToken)
    {
        var (report, inputs) = await MeasureAsync(reports, db, sources, query, cancellationToken);
        var score = ScoreDecision766.Score(options, inputs);
        return new Response(query.UnitCode, report.UnitName, query.From, query.To, score.Total, options.Groups.Sum(g => g.Max),
            score.Groups.Select(g => new Group(g.Key, text["D766.Group." + g.Key], g.Max, g.Points,
                g.Components.Select(c => new Component(c.Key, text["D766.Component." + c.Key], c.Input.ToString(), c.Ratio?.Part, c.Ratio?.Whole,
                    c.Ratio?.Value, c.Rule.ToString(), c.Target, c.Steps, c.Max, c.Points, c.Status.ToString(), Explain(c, text))).ToList())).ToList());
    }

    /// <summary>The period report of an authorised selection and every input measured for it (the report's own figures, the catalog's and
    /// each module's); the reform index reads its automatic criteria from here, so both show the same figures.</summary>
    public static async Task<(PeriodReport Report, Dictionary<Decision766Input, Ratio> Inputs)> MeasureAsync(IPeriodReports reports, MotCuaDbContext db,
        IEnumerable<IDecision766Source> sources, ReportQuery query, CancellationToken cancellationToken)
    {
        var report = await reports.RunAsync(query, ReportRows.Unit, cancellationToken);
        var inputs = new Dictionary<Decision766Input, Ratio>(DossierInputs(report.Totals));
        foreach (var (input, ratio) in await CatalogInputsAsync(db, query, cancellationToken))
        {
            inputs[input] = ratio;
        }

        foreach (var source in sources)
        {
            foreach (var (input, ratio) in await source.MeasureAsync(query, cancellationToken))
            {
                inputs[input] = ratio;
            }
        }

        if (DossierSatisfaction(report.Totals, inputs.GetValueOrDefault(Decision766Input.ComplainedDossiers)) is { } satisfaction)
        {
            inputs[Decision766Input.SatisfactionRate] = satisfaction;
        }

        return (report, inputs);
    }

    /// <summary>The inputs the period report gives, with the same counts as the report for the same unit and period.</summary>
    public static IReadOnlyDictionary<Decision766Input, Ratio> DossierInputs(ReportFigures t) => new Dictionary<Decision766Input, Ratio>
    {
        // Annex 2.1: processed on time or still within the deadline, over resolved plus in progress at the end of the period.
        [Decision766Input.OnTimeRate] = new(t.ResolvedEarly + t.ResolvedOnTime + t.InProgressWithinDeadline,
            t.Resolved + t.InProgressWithinDeadline + t.InProgressOverdue),
        [Decision766Input.OnlineShare] = new(t.ReceivedOnline, t.ReceivedNew),
        [Decision766Input.ResultsAttachedShare] = new(t.ResultsAttached, t.Resolved),
        [Decision766Input.DigitisedShare] = new(t.Digitised, t.ReceivedNew),
    };

    /// <summary>Annex 5.4: the dossiers of 2.1 less the overdue ones and those with a petition or a "not satisfied" rating; no data without
    /// the latter count, rather than a satisfaction that ignores complaints.</summary>
    public static Ratio? DossierSatisfaction(ReportFigures t, Ratio? complained)
    {
        if (complained is null)
        {
            return null;
        }

        var whole = t.Resolved + t.InProgressWithinDeadline + t.InProgressOverdue;
        return new Ratio(Math.Max(0, whole - t.ResolvedLate - t.InProgressOverdue - complained.Part), whole);
    }

    /// <summary>Annex 1.3 and 3.1 over the procedures the unit provides on the last day of the period. Completeness checks the parts of
    /// Decree 63/2010 Art. 8.2 that the catalog holds: name, sequence, ways and time, components, implementing agency.</summary>
    private static async Task<IReadOnlyDictionary<Decision766Input, Ratio>> CatalogInputsAsync(MotCuaDbContext db, ReportQuery query,
        CancellationToken cancellationToken)
    {
        var unitId = await db.Units.AsNoTracking().Where(u => u.Code == query.UnitCode).Select(u => (int?)u.Id).FirstOrDefaultAsync(cancellationToken);
        if (unitId is null)
        {
            return new Dictionary<Decision766Input, Ratio>();
        }

        var listed = await CatalogQueries.ValidOn(db.ProcedureVersions.AsNoTracking(), query.To)
            .Where(v => db.ProcedureProviders.Any(p => p.ProcedureId == v.ProcedureId && p.UnitId == unitId))
            .Select(v => new
            {
                Online = v.OnlineMode != OnlineMode.None,
                Complete = v.Name != "" && v.Steps != "" && v.Agency != "" && v.Times.Any() && v.Components.Any(),
            })
            .ToListAsync(cancellationToken);
        return new Dictionary<Decision766Input, Ratio>
        {
            [Decision766Input.OnlineServiceCoverage] = new(listed.Count(l => l.Online), listed.Count),
            [Decision766Input.ListingCompleteness] = new(listed.Count(l => l.Complete), listed.Count),
        };
    }

    private static string Explain(Decision766ComponentScore c, IStringLocalizer text) => c.Status switch
    {
        Decision766Status.NoData => text["D766.Explain.NoData"],
        Decision766Status.NothingToMeasure => text["D766.Explain.NothingToMeasure"],
        Decision766Status.Scored => c.Rule switch
        {
            Decision766Rule.Proportional => text["D766.Explain.Proportional", ViText.Points(c.Max), ViText.Rate(c.Ratio!.Value), ViText.Rate(c.Target),
                ViText.Points(c.Points)],
            Decision766Rule.Steps => text["D766.Explain.Steps", ViText.Rate(c.Ratio!.Value),
                string.Join("; ", c.Steps.Select(s => "≥ " + ViText.Rate(s.AtLeast) + " → " + ViText.Points(s.Points))), ViText.Points(c.Points)],
        },
    };
}
