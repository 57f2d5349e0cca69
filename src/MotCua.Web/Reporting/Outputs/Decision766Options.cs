namespace MotCua.Web.Reporting.Outputs;

/// <summary>The figures a Decision 766 component can be scored on. The system has the first ones; the others wait for
/// modules not built yet and are scored "no data" (0 points, said so) rather than guessed.</summary>
internal enum Decision766Input
{
    /// <summary>Resolved early or on time / resolved (§4.8).</summary>
    OnTimeRate,

    /// <summary>In progress within the deadline / in progress, at the end of the period.</summary>
    WithinDeadlineShare,

    /// <summary>Received online / received.</summary>
    OnlineShare,

    /// <summary>The unit's listed procedures offered as online public services (full or partial) / listed procedures.</summary>
    OnlineServiceCoverage,

    /// <summary>Resolved with the result attached in the system / resolved.</summary>
    ResultsAttachedShare,

    /// <summary>Received with the components as electronic files / received.</summary>
    DigitisedShare,

    DisclosureCompleteness,
    PortalSyncShare,
    FeedbackHandledShare,
    OnlinePaymentCoverage,
    OnlinePaymentShare,
    SatisfactionRate,
    DigitisedDataReuse,
}

internal enum Decision766Rule
{
    /// <summary>Points = maximum × min(1, value / target).</summary>
    Proportional,

    /// <summary>Points of the highest step whose threshold the value reaches; 0 below the first.</summary>
    Steps,
}

internal sealed class Decision766Step
{
    public decimal AtLeast { get; set; }
    public decimal Points { get; set; }
}

internal sealed class Decision766Component
{
    public string Key { get; set; } = "";
    public decimal Max { get; set; }
    public Decision766Input Input { get; set; }
    public Decision766Rule Rule { get; set; }

    /// <summary>For <see cref="Decision766Rule.Proportional"/>: the rate that earns the maximum (e.g. 1.0 = 100%).</summary>
    public decimal Target { get; set; } = 1m;

    public List<Decision766Step> Steps { get; set; } = [];
}

internal sealed class Decision766Group
{
    public string Key { get; set; } = "";
    public decimal Max { get; set; }
    public List<Decision766Component> Components { get; set; } = [];
}

/// <summary>
/// Decision 766/QĐ-TTg (23/6/2022): six groups on 100 points (DESIGN.md §4.10). Weights, components and thresholds are
/// configuration (<c>MotCua:Reporting:Decision766</c> in appsettings.json), because provinces adjust them and the
/// national portal's method changes between periods; validated at start-up so that a typo cannot publish a wrong score.
/// The shipped components and targets follow the groups of the Decision; the per-component split is a reading of
/// secondary sources (check against the Decision's annex before publishing a ranking).
/// </summary>
internal sealed class Decision766Options
{
    public const string Section = "MotCua:Reporting:Decision766";

    public List<Decision766Group> Groups { get; set; } = [];

    /// <summary>The reasons the configuration cannot score; empty when it can.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Groups.Count == 0)
        {
            problems.Add("no groups");
        }

        if (Groups.Sum(g => g.Max) != 100m)
        {
            problems.Add($"group maxima sum to {Groups.Sum(g => g.Max)}, not 100");
        }

        foreach (var group in Groups)
        {
            if (group.Components.Sum(c => c.Max) != group.Max)
            {
                problems.Add($"{group.Key}: component maxima sum to {group.Components.Sum(c => c.Max)}, not {group.Max}");
            }

            foreach (var component in group.Components)
            {
                if (component.Rule == Decision766Rule.Proportional && component.Target <= 0)
                {
                    problems.Add($"{group.Key}.{component.Key}: the target must be positive");
                }

                if (component.Rule == Decision766Rule.Steps && (component.Steps.Count == 0
                    || component.Steps.Zip(component.Steps.Skip(1)).Any(p => p.Second.AtLeast <= p.First.AtLeast || p.Second.Points < p.First.Points)
                    || component.Steps.Any(s => s.Points > component.Max || s.Points < 0)))
                {
                    problems.Add($"{group.Key}.{component.Key}: steps must rise, with points between 0 and the maximum");
                }
            }
        }

        if (Groups.SelectMany(g => g.Components).GroupBy(c => c.Key).Any(k => k.Count() > 1) || Groups.GroupBy(g => g.Key).Any(k => k.Count() > 1))
        {
            problems.Add("keys must be unique");
        }

        return problems;
    }
}

/// <summary>Refuses to start with a Decision 766 configuration that does not add up, naming what is wrong.</summary>
internal sealed class ValidateDecision766Options : Microsoft.Extensions.Options.IValidateOptions<Decision766Options>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, Decision766Options options) => options.Problems() is { Count: > 0 } problems
        ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems.Select(p => Decision766Options.Section + ": " + p))
        : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
