using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Oversight.Inspections;

/// <summary>How a round was called: announced to the units with its date, or unannounced (đột xuất).</summary>
internal enum InspectionKind
{
    Scheduled,
    Unannounced,
}

/// <summary>
/// A parent unit's yearly plan for inspecting reform work (kế hoạch kiểm tra công tác cải cách hành chính): the units it plans to inspect and
/// the rounds held. The plan is the one thing changed: every round, finding and correction raises its <see cref="Version"/>, so two
/// supervisors recording at once cannot both win (409).
/// </summary>
internal sealed class InspectionPlan
{
    public int Id { get; private set; }
    public int ParentUnitId { get; init; }
    public int Year { get; init; }
    public DateTime CreatedAt { get; init; }
    public int Version { get; private set; } = 1;
    public List<InspectionPlanUnit> Units { get; init; } = [];
    public List<InspectionRound> Rounds { get; init; } = [];

    public void Touch() => Version++;
}

internal sealed class InspectionPlanUnit
{
    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public int UnitId { get; init; }
}

/// <summary>One round (đợt kiểm tra) of a plan: its date, team lead, the plan's units it covers and its checklist.</summary>
internal sealed class InspectionRound
{
    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public InspectionKind Kind { get; init; }
    public DateOnly Date { get; init; }
    public required string TeamLead { get; init; }
    public List<InspectionRoundUnit> Units { get; init; } = [];
    public List<InspectionFinding> Findings { get; init; } = [];
    public List<InspectionCorrection> Corrections { get; init; } = [];
    public List<InspectionChecklistItem> Checklist { get; init; } = [];
}

/// <summary>One item of a round's checklist (nội dung kiểm tra), in the order the round lists them; findings record its result per unit.</summary>
internal sealed class InspectionChecklistItem
{
    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public int Position { get; init; }
    public required string Text { get; init; }
}

internal sealed class InspectionRoundUnit
{
    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public int UnitId { get; init; }
}

/// <summary>One checklist item checked at a unit in a round: đạt (passed) or không đạt, with a note.</summary>
internal sealed class InspectionFinding
{
    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public int UnitId { get; init; }
    public required string Item { get; init; }
    public bool Passed { get; init; }
    public string? Note { get; init; }
}

/// <summary>A correction required of a unit (yêu cầu khắc phục) by a deadline, then marked done with a note on a Vietnam date.</summary>
internal sealed class InspectionCorrection
{
    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public int UnitId { get; init; }
    public required string Requirement { get; init; }
    public DateOnly Deadline { get; init; }
    public DateOnly? DoneOn { get; private set; }
    public string? DoneNote { get; private set; }

    public void Complete(DateOnly today, string note) => (DoneOn, DoneNote) = (today, note);

    /// <summary>Past its deadline (the deadline day itself still counts as in time) and not done.</summary>
    public bool IsOverdue(DateOnly today) => DoneOn is null && today > Deadline;
}

internal sealed class InspectionPlanConfiguration : IEntityTypeConfiguration<InspectionPlan>
{
    public void Configure(EntityTypeBuilder<InspectionPlan> builder)
    {
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.ParentUnitId, p.Year }).IsUnique();
        builder.HasOne<Units.AdministrativeUnit>().WithMany().HasForeignKey(p => p.ParentUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Units).WithOne().HasForeignKey(u => u.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Rounds).WithOne().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InspectionPlanUnitConfiguration : IEntityTypeConfiguration<InspectionPlanUnit>
{
    public void Configure(EntityTypeBuilder<InspectionPlanUnit> builder)
    {
        builder.HasIndex(u => new { u.PlanId, u.UnitId }).IsUnique();
        builder.HasOne<Units.AdministrativeUnit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionRoundConfiguration : IEntityTypeConfiguration<InspectionRound>
{
    public void Configure(EntityTypeBuilder<InspectionRound> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.TeamLead).HasMaxLength(200);
        builder.HasMany(r => r.Units).WithOne().HasForeignKey(u => u.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Findings).WithOne().HasForeignKey(f => f.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Corrections).WithOne().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Checklist).WithOne().HasForeignKey(i => i.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InspectionChecklistItemConfiguration : IEntityTypeConfiguration<InspectionChecklistItem>
{
    public void Configure(EntityTypeBuilder<InspectionChecklistItem> builder)
    {
        builder.Property(i => i.Text).HasMaxLength(500);
        builder.HasIndex(i => new { i.RoundId, i.Position }).IsUnique();
    }
}

internal sealed class InspectionRoundUnitConfiguration : IEntityTypeConfiguration<InspectionRoundUnit>
{
    public void Configure(EntityTypeBuilder<InspectionRoundUnit> builder)
    {
        builder.HasIndex(u => new { u.RoundId, u.UnitId }).IsUnique();
        builder.HasOne<Units.AdministrativeUnit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionFindingConfiguration : IEntityTypeConfiguration<InspectionFinding>
{
    public void Configure(EntityTypeBuilder<InspectionFinding> builder)
    {
        builder.Property(f => f.Item).HasMaxLength(500);
        builder.Property(f => f.Note).HasMaxLength(1000);
        builder.HasOne<Units.AdministrativeUnit>().WithMany().HasForeignKey(f => f.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionCorrectionConfiguration : IEntityTypeConfiguration<InspectionCorrection>
{
    public void Configure(EntityTypeBuilder<InspectionCorrection> builder)
    {
        builder.Property(c => c.Requirement).HasMaxLength(1000);
        builder.Property(c => c.DoneNote).HasMaxLength(1000);
        builder.HasOne<Units.AdministrativeUnit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
