namespace MotCua.Web.Reporting.Outputs;

/// <summary>A figure as counted: part of whole, so a supervisor sees 93 of 3.478, not only a rate.</summary>
internal sealed record Ratio(int Part, int Whole)
{
    public decimal? Value => Whole == 0 ? null : Math.Round((decimal)Part / Whole, 4);
}

internal enum Decision766Status
{
    Scored,

    /// <summary>The system does not hold this input yet (online payment, satisfaction, disclosure): 0 points, said so.</summary>
    NoData,

    /// <summary>The input exists but its denominator is zero in the period (nothing resolved, nothing received).</summary>
    NothingToMeasure,
}

internal sealed record Decision766ComponentScore(string Key, decimal Max, Decision766Input Input, Ratio? Ratio, Decision766Rule Rule, decimal Target,
    IReadOnlyList<Decision766Step> Steps, decimal Points, Decision766Status Status);

internal sealed record Decision766GroupScore(string Key, decimal Max, decimal Points, IReadOnlyList<Decision766ComponentScore> Components);

internal sealed record Decision766Score(decimal Total, IReadOnlyList<Decision766GroupScore> Groups);

/// <summary>
/// The pure scorer of Decision 766/QĐ-TTg: configuration and inputs in, every component's points with the inputs and the
/// rule that produced them out. Points are rounded to hundredths, as the national portal publishes them (84,28/100).
/// </summary>
internal static class ScoreDecision766
{
    public static Decision766Score Score(Decision766Options options, IReadOnlyDictionary<Decision766Input, Ratio> inputs)
    {
        var groups = options.Groups.Select(group =>
        {
            var components = group.Components.Select(c => Component(c, inputs.GetValueOrDefault(c.Input))).ToList();
            return new Decision766GroupScore(group.Key, group.Max, components.Sum(c => c.Points), components);
        }).ToList();
        return new Decision766Score(groups.Sum(g => g.Points), groups);
    }

    private static Decision766ComponentScore Component(Decision766Component component, Ratio? ratio)
    {
        var (points, status) = ratio switch
        {
            null => (0m, Decision766Status.NoData),
            { Value: null } => (0m, Decision766Status.NothingToMeasure),
            { Value: { } value } => (Points(component, value), Decision766Status.Scored),
        };
        return new Decision766ComponentScore(component.Key, component.Max, component.Input, ratio, component.Rule, component.Target, component.Steps,
            Math.Round(points, 2, MidpointRounding.AwayFromZero), status);
    }

    private static decimal Points(Decision766Component component, decimal value) => component.Rule switch
    {
        Decision766Rule.Proportional => component.Max * Math.Min(1m, value / component.Target),
        Decision766Rule.Steps => component.Steps.Where(s => value >= s.AtLeast).Select(s => s.Points).DefaultIfEmpty(0m).Max(),
    };
}
