using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Dossiers;
using MotCua.Web.Units;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>The kinds of unit a province scores and ranks among themselves: its departments (sở, ban, ngành), its districts (until 30/6/2025)
/// and its communes.</summary>
internal enum ParSubject
{
    Department,
    District,
    Commune,
}

/// <summary>How a criterion is scored.</summary>
internal enum ParScoring
{
    /// <summary>Computed from MotCua's own figures (<see cref="ParMeasure"/>), the same as the period reports for the unit and year.</summary>
    Automatic,

    /// <summary>The unit scores itself with an explanation and evidence files; the Department of Home Affairs may adjust the score.</summary>
    SelfAssessed,

    /// <summary>Scored by the Department of Home Affairs alone (e.g. the quality of reports, inspection findings).</summary>
    Appraised,

    /// <summary>The result of the sociological survey of citizens and officials, entered by the Department of Home Affairs.</summary>
    Survey,
}

/// <summary>The figures an automatic criterion reads: each one of the period report, of a Decision 766 input, of the staff performance figures or
/// of the inspections, never recomputed.</summary>
internal enum ParMeasure
{
    /// <summary>Resolved early or on time / resolved (period report).</summary>
    OnTimeRate,

    /// <summary>Resolved with the result attached in the system / resolved (period report).</summary>
    ResultsAttached,

    /// <summary>Received online / received (period report).</summary>
    OnlineShare,

    /// <summary>Received by public post / received (period report).</summary>
    PostalShare,

    /// <summary>Petitions answered on time (Decision 766 input 5.2, feedback module).</summary>
    FeedbackOnTime,

    /// <summary>Dossier satisfaction (Decision 766 input 5.4, ratings and feedback modules).</summary>
    Satisfaction,

    /// <summary>Decided with a digitally signed result (Decision 766 input 4.1, signatures module).</summary>
    SignedResults,

    /// <summary>Desk officers graded "excellent" for the year / desk officers graded (the desk team of the staff performance figures).</summary>
    DeskExcellentShare,

    /// <summary>Corrections required by inspections of reform work, due in the year, done by their deadline / those due and settled (done,
    /// or past their deadline).</summary>
    CorrectionsOnTime,
}

internal enum ParIndexState
{
    /// <summary>Units self-assess and the Department of Home Affairs appraises.</summary>
    Open,

    /// <summary>Scores frozen (automatic figures included); nothing changes any more.</summary>
    Finalised,

    /// <summary>Finalised and shown on the public ranking.</summary>
    Published,
}

/// <summary>
/// A province's reform index (Bộ chỉ số cải cách hành chính) for one year: the tree of areas → criteria → sub-criteria with their maximum points
/// and scoring methods, for the kinds of unit it ranks. Each province issues its own under the Ministry of Home Affairs' scheme (Decision
/// 876/QĐ-BNV of 10/11/2022 on determining the PAR index of ministries and provinces 2022–2030, which asks provinces to apply an index of their
/// own to their departments, districts and communes), and changes it between years, so the tree is data, copied and edited per year.
/// </summary>
internal sealed class ParIndexFramework
{
    public int Id { get; private set; }
    public required string ProvinceCode { get; init; }
    public int Year { get; init; }

    /// <summary>Comma-separated <see cref="ParSubject"/> names.</summary>
    public required string Subjects { get; init; }

    /// <summary>The province's decision that issued the index.</summary>
    public required string Basis { get; init; }

    public ParIndexState State { get; private set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? FinalisedAt { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    public int Version { get; private set; }
    public List<ParIndexCriterion> Criteria { get; init; } = [];

    public IReadOnlyList<ParSubject> SubjectList => [.. Subjects.Split(',').Select(Enum.Parse<ParSubject>)];

    /// <summary>Freezes the scores; then no self-assessment, appraisal or evidence may change.</summary>
    public RuleBroken? Finalise(DateTime at)
    {
        if (State != ParIndexState.Open)
        {
            return new RuleBroken("par-index-closed", "ParIndex.Closed");
        }

        State = ParIndexState.Finalised;
        FinalisedAt = at;
        Version++;
        return null;
    }

    public RuleBroken? Publish(DateTime at)
    {
        if (State != ParIndexState.Finalised)
        {
            return new RuleBroken("par-index-not-finalised", "ParIndex.NotFinalised", State);
        }

        State = ParIndexState.Published;
        PublishedAt = at;
        Version++;
        return null;
    }

    /// <summary>The kind a unit is ranked as: a department is an office directly under the province.</summary>
    public static ParSubject? SubjectOf(UnitKind kind, UnitLevel level, bool underProvince) => kind switch
    {
        UnitKind.District => ParSubject.District,
        UnitKind.Commune => ParSubject.Commune,
        UnitKind.Office when level == UnitLevel.Province && underProvince => ParSubject.Department,
        UnitKind.Office or UnitKind.Province or UnitKind.Desk => null,
    };
}

/// <summary>
/// A node of the tree: an area (no parent), a criterion or a sub-criterion. A node with children scores the sum of theirs and its maximum is
/// the sum of their maxima; a leaf has its scoring method, and an automatic leaf its measure and the rate that earns full points
/// (e.g. postal intake and return 10%, online processing 30%, results attached 100%).
/// </summary>
internal sealed class ParIndexCriterion
{
    public int Id { get; private set; }
    public int FrameworkId { get; private set; }
    public int? ParentId { get; init; }
    public ParIndexCriterion? Parent { get; init; }

    /// <summary>"1", "1.2", "1.2.3": unique within the framework, the order of the tree.</summary>
    public required string Code { get; init; }

    public required string Name { get; init; }
    public decimal MaxPoints { get; init; }
    public ParScoring? Scoring { get; init; }
    public ParMeasure? Measure { get; init; }
    public decimal? Target { get; init; }
    public int Position { get; init; }
}

internal sealed class ParIndexFrameworkConfiguration : IEntityTypeConfiguration<ParIndexFramework>
{
    public void Configure(EntityTypeBuilder<ParIndexFramework> builder)
    {
        builder.Property(f => f.ProvinceCode).HasMaxLength(40);
        builder.Property(f => f.Subjects).HasMaxLength(100);
        builder.Property(f => f.Basis).HasMaxLength(500);
        builder.Property(f => f.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.Ignore(f => f.SubjectList);
        builder.HasIndex(f => new { f.ProvinceCode, f.Year }).IsUnique();
        builder.HasMany(f => f.Criteria).WithOne().HasForeignKey(c => c.FrameworkId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ParIndexCriterionConfiguration : IEntityTypeConfiguration<ParIndexCriterion>
{
    public void Configure(EntityTypeBuilder<ParIndexCriterion> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(20);
        builder.Property(c => c.Name).HasMaxLength(500);
        builder.Property(c => c.MaxPoints).HasPrecision(6, 2);
        builder.Property(c => c.Target).HasPrecision(6, 4);
        builder.Property(c => c.Scoring).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Measure).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.FrameworkId, c.Code }).IsUnique();
    }
}
