using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Oversight;

/// <summary>The four grades of Decree 90/2020/NĐ-CP (Art. 2): hoàn thành xuất sắc, hoàn thành tốt, hoàn thành, không hoàn thành nhiệm vụ.</summary>
internal enum EvaluationGrade
{
    Excellent,
    Good,
    Completed,
    NotCompleted,
}

/// <summary>
/// An officer's grade for a month (<see cref="Month"/> 1–12) or a year (<see cref="Month"/> 0), given once by a leader of a unit the officer
/// works in; a second grade for the same officer and period is refused (409) by the unique index.
/// </summary>
internal sealed class StaffEvaluation
{
    public long Id { get; private set; }
    public Guid UserId { get; init; }
    public int UnitId { get; init; }
    public int Year { get; init; }
    public int Month { get; init; }
    public EvaluationGrade Grade { get; init; }
    public string? Comment { get; init; }
    public Guid EvaluatedById { get; init; }
    public DateTime EvaluatedAt { get; init; }
}

/// <summary>
/// A province's cap on "excellent" grades, as data because each province restates it and the national rule changed: Decree 90/2020/NĐ-CP
/// capped them at 20% of those graded good or above in a group with similar tasks, restated for example by Ninh Thuận in Decision
/// 44/2020/QĐ-UBND (29/10/2020); Decree 48/2023/NĐ-CP (17/7/2023) ties the cap to the Party's rate for its members. The rule in force on
/// the last day of a period applies.
/// </summary>
internal sealed class ExcellentShareRule
{
    public int Id { get; private set; }
    public required string ProvinceCode { get; init; }
    public DateOnly ValidFrom { get; init; }

    /// <summary>The most "excellent" grades allowed, in percent of the grades "good" or above.</summary>
    public int MaxPercentOfGoodOrAbove { get; init; }

    public required string Basis { get; init; }
}

internal sealed class StaffEvaluationConfiguration : IEntityTypeConfiguration<StaffEvaluation>
{
    public void Configure(EntityTypeBuilder<StaffEvaluation> builder)
    {
        builder.Property(e => e.Grade).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Comment).HasMaxLength(1000);
        builder.HasIndex(e => new { e.UserId, e.Year, e.Month }).IsUnique();
        builder.HasIndex(e => new { e.UnitId, e.Year, e.Month });
    }
}

internal sealed class ExcellentShareRuleConfiguration : IEntityTypeConfiguration<ExcellentShareRule>
{
    public void Configure(EntityTypeBuilder<ExcellentShareRule> builder)
    {
        builder.Property(r => r.ProvinceCode).HasMaxLength(40);
        builder.Property(r => r.Basis).HasMaxLength(500);
        builder.HasIndex(r => new { r.ProvinceCode, r.ValidFrom }).IsUnique();
    }
}
