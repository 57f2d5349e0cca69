namespace MotCua.Web.Ratings;

/// <summary>
/// The questions a citizen answers about a finished dossier, kept as data (Ratings/criteria.json) because the national
/// rating changes: Decision 766/QĐ-TTg (23/6/2022) scores the "satisfaction" group from the national portal's per-dossier
/// rating (very satisfied / satisfied / not satisfied), and Circular 01/2018/TT-VPCP Art. 35 lists the indicators of
/// time, contacts, agencies and attitude on a 2/1/0 scale. A new set takes effect from its date; a rating keeps the
/// version it was given under.
/// </summary>
internal sealed class RatingCriteriaSet
{
    public string Version { get; set; } = "";
    public DateOnly ValidFrom { get; set; }
    public string Basis { get; set; } = "";
    public List<RatingCriterion> Criteria { get; set; } = [];

    /// <summary>The criterion whose answer is the national portal's overall level; it must come first.</summary>
    public RatingCriterion Overall => Criteria[0];

    public int MaxPoints => Criteria.Sum(c => c.Options.Max(o => o.Points));
}

internal sealed class RatingCriterion
{
    public string Key { get; set; } = "";
    public string Text { get; set; } = "";
    public string TextEn { get; set; } = "";
    public List<RatingOption> Options { get; set; } = [];
}

internal sealed class RatingOption
{
    public string Key { get; set; } = "";
    public int Points { get; set; }
    public string Text { get; set; } = "";
    public string TextEn { get; set; } = "";
}

internal sealed class RatingOptions
{
    public const string Section = "MotCua:Ratings";

    public List<RatingCriteriaSet> CriteriaSets { get; set; } = [];

    /// <summary>How long after the first rating the citizen may still change it.</summary>
    public TimeSpan ChangeWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The least time between two ratings of one dossier: a changed mind, not a script.</summary>
    public TimeSpan PerDossierInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rating requests a minute from one client address.</summary>
    public int PerAddressPerMinute { get; set; } = 10;

    /// <summary>A burst: this many ratings from one device or address, or this many all-maximum ratings at one unit, within <see cref="BurstWindow"/>.</summary>
    public int BurstCount { get; set; } = 5;

    public TimeSpan BurstWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The key of the hash that stands for a rater's address or device (the same on every node).</summary>
    public string SourceKey { get; set; } = "motcua-ratings";

    /// <summary>How long a dossier the officer put on the counter tablet waits for the citizen's rating.</summary>
    public TimeSpan PresentedFor { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The set in force on a Vietnamese date.</summary>
    public RatingCriteriaSet InForce(DateOnly date) =>
        CriteriaSets.Where(s => s.ValidFrom <= date).OrderByDescending(s => s.ValidFrom).FirstOrDefault()
        ?? throw new InvalidOperationException("No rating criteria in force on " + date.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    public RatingCriteriaSet? Find(string version) => CriteriaSets.FirstOrDefault(s => s.Version == version);

    public IReadOnlyList<string> Problems() =>
    [
        .. CriteriaSets.Count == 0 ? ["no criteria sets"] : Array.Empty<string>(),
        .. CriteriaSets.Where(s => s.Criteria.Count == 0 || s.Criteria.Any(c => c.Options.Count == 0))
            .Select(s => s.Version + ": every criterion needs options"),
        .. CriteriaSets.Where(s => s.Criteria.Count > 0 && s.Criteria[0].Options.Count != 3)
            .Select(s => s.Version + ": the first criterion is the national level with three options (very satisfied, satisfied, not satisfied)"),
    ];
}
