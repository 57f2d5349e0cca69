using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Units;

/// <summary>Where a node sits in government: a tier (province, district, commune) or a body inside one.</summary>
internal enum UnitKind
{
    Province,
    District,
    Commune,
    Office,
    Desk,
}

internal enum UnitLevel
{
    Province,
    District,
    Commune,
}

/// <summary>
/// An administrative unit or an agency inside one, identified QCVN 102:2016-style (<c>000.00.12.H50</c>).
/// Units are time-versioned: a unit abolished or merged on 1/7/2025 (Decree 118/2025 era) gets
/// <see cref="ValidTo"/> 30/6/2025 and a <see cref="Successor"/>, and keeps its history. The tier depth
/// is data: <see cref="Path"/> is the chain of codes from the root, so a subtree is a prefix.
/// </summary>
internal sealed class AdministrativeUnit
{
    public int Id { get; private set; }
    public required string Code { get; init; }
    public required string Name { get; set; }
    public UnitKind Kind { get; set; }
    public UnitLevel Level { get; set; }
    public int? ParentId { get; private set; }
    public AdministrativeUnit? Parent { get; private set; }
    public string Path { get; private set; } = "/";
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; private set; }
    public int? SuccessorId { get; private set; }
    public AdministrativeUnit? Successor { get; private set; }
    public int Version { get; private set; }

    public bool IsActiveOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);

    public void PlaceUnder(AdministrativeUnit? parent)
    {
        Parent = parent;
        ParentId = parent is { Id: > 0 } ? parent.Id : null;
        Path = (parent?.Path ?? "/") + Code + "/";
    }

    /// <summary>Ends the unit on the day before <paramref name="effective"/> and points it to its successor.</summary>
    public void MergeInto(AdministrativeUnit successor, DateOnly effective)
    {
        ValidTo = effective.AddDays(-1);
        Successor = successor;
        SuccessorId = successor.Id > 0 ? successor.Id : null;
        Touch();
    }

    public void Close(DateOnly? validTo) => ValidTo = validTo;

    public void Touch() => Version++;
}

internal sealed class AdministrativeUnitConfiguration : IEntityTypeConfiguration<AdministrativeUnit>
{
    public void Configure(EntityTypeBuilder<AdministrativeUnit> builder)
    {
        builder.ToTable("Units");
        builder.Property(u => u.Code).HasMaxLength(40);
        builder.HasIndex(u => u.Code).IsUnique();
        builder.Property(u => u.Name).HasMaxLength(200);
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.Level).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.Path).HasMaxLength(400);
        builder.HasIndex(u => u.Path);
        builder.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(u => u.Successor).WithMany().HasForeignKey(u => u.SuccessorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(u => u.Version).IsConcurrencyToken();
    }
}
