using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Catalog;

namespace MotCua.Web.Reporting;

/// <summary>
/// The counted quantities behind the figures. Flows count events on their day; stocks (<see cref="Within"/>,
/// <see cref="Overdue"/>, <see cref="Awaiting"/>) are stored as changes, so a stock at the end of day D is the sum of
/// its changes up to D (DESIGN.md §4.8: in progress at the end of the period; carried over = open at the end of the day before).
/// </summary>
internal enum FactMeasure
{
    ReceivedCounter,
    ReceivedOnline,
    ReceivedPostal,
    Digitised,
    ResolvedEarly,
    ResolvedOnTime,
    ResolvedLate,
    ResultsAttached,
    Refused,
    Withdrawn,
    Stopped,
    Within,
    Overdue,
    Awaiting,
}

/// <summary>One value per <see cref="FactMeasure"/>: <c>int</c> in the fact tables, <c>long</c> in their sums.</summary>
internal abstract class MeasureCounts<T>
    where T : struct, INumber<T>
{
    public T ReceivedCounter { get; set; }
    public T ReceivedOnline { get; set; }
    public T ReceivedPostal { get; set; }
    public T Digitised { get; set; }
    public T ResolvedEarly { get; set; }
    public T ResolvedOnTime { get; set; }
    public T ResolvedLate { get; set; }
    public T ResultsAttached { get; set; }
    public T Refused { get; set; }
    public T Withdrawn { get; set; }
    public T Stopped { get; set; }
    public T Within { get; set; }
    public T Overdue { get; set; }
    public T Awaiting { get; set; }

    public void Add(FactMeasure measure, T delta)
    {
        switch (measure)
        {
            case FactMeasure.ReceivedCounter: ReceivedCounter += delta; break;
            case FactMeasure.ReceivedOnline: ReceivedOnline += delta; break;
            case FactMeasure.ReceivedPostal: ReceivedPostal += delta; break;
            case FactMeasure.Digitised: Digitised += delta; break;
            case FactMeasure.ResolvedEarly: ResolvedEarly += delta; break;
            case FactMeasure.ResolvedOnTime: ResolvedOnTime += delta; break;
            case FactMeasure.ResolvedLate: ResolvedLate += delta; break;
            case FactMeasure.ResultsAttached: ResultsAttached += delta; break;
            case FactMeasure.Refused: Refused += delta; break;
            case FactMeasure.Withdrawn: Withdrawn += delta; break;
            case FactMeasure.Stopped: Stopped += delta; break;
            case FactMeasure.Within: Within += delta; break;
            case FactMeasure.Overdue: Overdue += delta; break;
            case FactMeasure.Awaiting: Awaiting += delta; break;
        }
    }
}

/// <summary>Counts for one key (handling unit, domain, procedure, channel) over a day, month or year.</summary>
internal abstract class FactCounts : MeasureCounts<int>
{
    public int UnitId { get; init; }

    /// <summary>Empty when the dossier has no domain.</summary>
    public string DomainCode { get; init; } = "";

    public string ProcedureCode { get; init; } = "";
    public Channel Channel { get; init; }

    /// <summary>The measures' column names, in <see cref="FactMeasure"/> order.</summary>
    public static readonly string[] Columns = Enum.GetNames<FactMeasure>();
}

/// <summary>
/// A change to the facts, appended in the same transaction as the dossier change that caused it (insert only, so
/// concurrent intake never waits on a shared counter row). The background fold moves them into <see cref="ReportFact"/>.
/// </summary>
internal sealed class ReportFactDelta : FactCounts
{
    public long Id { get; private set; }
    public DateOnly Day { get; init; }
}

internal enum FactGrain
{
    Day,
    Month,
    Year,
}

/// <summary>Folded facts: one row per key and day, month or year, so a year of a province is one row per key.</summary>
internal sealed class ReportFact : FactCounts
{
    public FactGrain Grain { get; init; }

    /// <summary>The day, or the first day of the month or the year.</summary>
    public DateOnly PeriodStart { get; init; }
}

internal sealed class ReportFactConfiguration : IEntityTypeConfiguration<ReportFact>, IEntityTypeConfiguration<ReportFactDelta>
{
    public void Configure(EntityTypeBuilder<ReportFact> builder)
    {
        builder.ToTable("ReportFacts");
        builder.HasKey(f => new { f.Grain, f.PeriodStart, f.UnitId, f.DomainCode, f.ProcedureCode, f.Channel });
        builder.Property(f => f.Grain).HasConversion<string>().HasMaxLength(5);
        Key(builder);
    }

    public void Configure(EntityTypeBuilder<ReportFactDelta> builder)
    {
        builder.ToTable("ReportFactDeltas");
        builder.HasKey(f => f.Id);
        Key(builder);
    }

    private static void Key<T>(EntityTypeBuilder<T> builder)
        where T : FactCounts
    {
        builder.Property(f => f.DomainCode).HasMaxLength(40);
        builder.Property(f => f.ProcedureCode).HasMaxLength(60);
        builder.Property(f => f.Channel).HasConversion<string>().HasMaxLength(10);
    }
}
