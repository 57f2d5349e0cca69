namespace MotCua.Web.Reporting.Outputs;

/// <summary>
/// The figures a Decision 766 component is scored on, one per indicator of the annex (numbering of the national portal's
/// method, "Mô tả công thức tính chỉ số 766"). MotCua measures the dossier and catalog figures itself; the others come from
/// the module that holds them through <see cref="IDecision766Source"/>, and until one does they score 0 marked "no data".
/// </summary>
internal enum Decision766Input
{
    /// <summary>1.1: procedures whose publication decision came out on time / procedures announced in the period (Catalog/PublicationDecisions;
    /// the item's points and formula: not found in the annex text (check)).</summary>
    PublishedOnTimeShare,

    /// <summary>1.2: procedures updated and publicised on the national database on time / procedures to publicise (Catalog/PublicationDecisions).
    /// Its maximum of 4 of the group's 18 is confirmed by a summary of the decision (baocaotaichinh.vn); the formula is the developers' (check).</summary>
    PublicisedOnTimeShare,

    /// <summary>1.3: the unit's listed procedures with every constituent part of Decree 63/2010 Art. 8.2 (name, sequence, ways, components,
    /// time, subjects, agency) / listed procedures (points and formula: the developers' reading (check)).</summary>
    ListingCompleteness,

    /// <summary>1.4: dossiers of the period synchronised to the national portal / dossiers received (portal sync module; the developers' reading (check)).</summary>
    PortalSyncShare,

    /// <summary>2.1: dossiers processed on time or still within the deadline / dossiers resolved in the period plus those in progress at its
    /// end (the portal also counts a dossier asked for a supplement more than once as overdue: not applied yet). Its maximum of 20, the whole
    /// progress group, is confirmed by a summary of the decision (baocaotaichinh.vn); the formula is the portal's method as described (check).</summary>
    OnTimeRate,

    /// <summary>3.1: the unit's listed procedures offered as online public services (full or partial) / listed procedures (points and the 80%
    /// threshold: the portal's method as described (check)).</summary>
    OnlineServiceCoverage,

    /// <summary>3.3: received online / received (the 50% threshold: the portal's method as described (check)).</summary>
    OnlineShare,

    /// <summary>3.5: fee-bearing procedures integrated for online payment / fee-bearing procedures (payments module; (check)).</summary>
    OnlinePaymentCoverage,

    /// <summary>3.6: dossiers paid online (DuocThanhToanTrucTuyen 1 or 2) / dossiers of fee-bearing procedures (payments module; (check)).</summary>
    OnlinePaymentShare,

    /// <summary>4.1: resolved with the result attached in the system / resolved ((check)).</summary>
    ResultsAttachedShare,

    /// <summary>4.1 as an electronic result: decided with a result signed digitally by the unit / decided with a result (signatures module; (check)).</summary>
    SignedResultsShare,

    /// <summary>4.2: received with the components as electronic files / received (the 80% threshold: the portal's method as described (check)).</summary>
    DigitisedShare,

    /// <summary>4.3: dossiers reusing digitised data or documents / received (citizen identity module: owner data from the national
    /// identity or an earlier dossier, earlier documents reused for components).</summary>
    DigitisedDataReuse,

    /// <summary>5.2: petitions handled on time / petitions received or handled in the period (feedback module; (check)).</summary>
    FeedbackHandledShare,

    /// <summary>5.3: petitions not rated "not satisfied", not raised again and not overdue / petitions first received in the period (feedback
    /// module; (check)).</summary>
    FeedbackSatisfactionShare,

    /// <summary>Part: dossiers of the period with a petition or a "not satisfied" rating; whole: the dossiers the source looked at (ratings and
    /// feedback modules). Not scored itself: it enters <see cref="SatisfactionRate"/>.</summary>
    ComplainedDossiers,

    /// <summary>5.4: 100% − (overdue share + share of dossiers with a petition or a "not satisfied" rating), over the dossiers of 2.1. Derived by
    /// the scorer from <see cref="OnTimeRate"/> and <see cref="ComplainedDossiers"/>; no data while the latter is missing. Its maximum of 6 of
    /// the satisfaction group's 18 is confirmed by a summary of the decision (baocaotaichinh.vn); the formula and 90% threshold (check).</summary>
    SatisfactionRate,
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
/// Decision 766/QĐ-TTg of 23/6/2022 approving the set of indicators for directing, operating and assessing the quality of
/// service to citizens and businesses in administrative procedures and public services in real time on the electronic
/// environment (text: thuviennhadat.vn/vbpl/quyet-dinh-766-qd-ttg-2022-...-518821.html). Its annex scores 100 points in the
/// groups the national portal publishes: disclosure (CKMB) 18, progress (TDGQ) 20, online services 12, online payment 10,
/// satisfaction (MDHL) 18, digitisation 22. The portal's published method gives each indicator's formula and the thresholds
/// at which it earns full marks (80% online services, payment integration, digitisation, reuse; 50% online dossiers; 90%
/// dossier satisfaction); below them points = rate × maximum ÷ threshold. Weights are configuration
/// (<c>MotCua:Reporting:Decision766</c> in appsettings.json), because the method changes between periods; validated at
/// start-up so that a typo cannot publish a wrong score. The split of a group's points among its indicators is given by
/// the summaries only for progress (20 on 2.1) and dossier satisfaction (6 on 5.4): the others are split evenly, said so.
/// Checked against the annex (issue 21): the annex body itself was not retrievable. Confirmed from a summary of the decision
/// (baocaotaichinh.vn/thu-vien/quyet-dinh-766-qd-ttg-2022-...-126270): 100 points; disclosure 18 with 4 for procedures updated and
/// publicised on time (1.2); 20 for dossiers processed on time (2.1); satisfaction 18 with 6 for the satisfaction rate (5.4). That summary
/// names five criteria (disclosure, progress, digitisation, online services, satisfaction): the portal's split of online services (12) and
/// online payment (10) is kept as the portal publishes it (check). Every other weight, threshold and formula is the developers' reading (check).
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
