using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Identity;
using MotCua.Web.Units;

namespace MotCua.Web.Catalog;

/// <summary>The internal process (quy trình nội bộ, ISO) of a procedure in one unit: ordered steps, each with
/// its office, role and share of the processing time.</summary>
internal sealed class ProcessDefinition
{
    public int Id { get; private set; }
    public int ProcedureId { get; init; }
    public Procedure? Procedure { get; init; }
    public int UnitId { get; init; }
    public AdministrativeUnit? Unit { get; init; }
    public List<ProcessStep> Steps { get; } = [];
    public int Version { get; private set; }

    public decimal TotalHours => Steps.Sum(s => s.Hours);

    public void Replace(IEnumerable<ProcessStep> steps)
    {
        Steps.Clear();
        Steps.AddRange(steps);
        Version++;
    }
}

internal sealed class ProcessStep
{
    public int Id { get; private set; }
    public int DefinitionId { get; private set; }
    public int Order { get; init; }
    public required string Name { get; init; }
    public int? OfficeUnitId { get; init; }
    public AdministrativeUnit? OfficeUnit { get; init; }
    public StaffRole Role { get; init; }
    public decimal Hours { get; init; }

    /// <summary>Một cửa liên thông: the step is done by another agency.</summary>
    public bool InterAgency { get; init; }
    public string? Agency { get; init; }
}

/// <summary>A unit provides a procedure: its desk receives dossiers for it and its listing shows it.</summary>
internal sealed class ProcedureProvider
{
    public int Id { get; private set; }
    public int ProcedureId { get; init; }
    public Procedure? Procedure { get; init; }
    public int UnitId { get; init; }
    public AdministrativeUnit? Unit { get; init; }
}

internal sealed class ProcessDefinitionConfiguration : IEntityTypeConfiguration<ProcessDefinition>
{
    public void Configure(EntityTypeBuilder<ProcessDefinition> builder)
    {
        builder.ToTable("ProcessDefinitions");
        builder.HasIndex(p => new { p.ProcedureId, p.UnitId }).IsUnique();
        builder.HasOne(p => p.Procedure).WithMany().HasForeignKey(p => p.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Unit).WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Steps).WithOne().HasForeignKey(s => s.DefinitionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.TotalHours);
    }
}

internal sealed class ProcessStepConfiguration : IEntityTypeConfiguration<ProcessStep>
{
    public void Configure(EntityTypeBuilder<ProcessStep> builder)
    {
        builder.ToTable("ProcessSteps");
        builder.HasIndex(s => new { s.DefinitionId, s.Order });
        builder.Property(s => s.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Hours).HasPrecision(8, 2);
        builder.HasOne(s => s.OfficeUnit).WithMany().HasForeignKey(s => s.OfficeUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProcedureProviderConfiguration : IEntityTypeConfiguration<ProcedureProvider>
{
    public void Configure(EntityTypeBuilder<ProcedureProvider> builder)
    {
        builder.ToTable("ProcedureProviders");
        builder.HasIndex(p => new { p.ProcedureId, p.UnitId }).IsUnique();
        builder.HasIndex(p => p.UnitId);
        builder.HasOne(p => p.Procedure).WithMany().HasForeignKey(p => p.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Unit).WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
