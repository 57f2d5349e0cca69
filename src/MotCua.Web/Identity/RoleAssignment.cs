using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Units;

namespace MotCua.Web.Identity;

internal enum StaffRole
{
    DeskOfficer,
    Specialist,
    Leader,
    UnitAdmin,
    Supervisor,
    SystemAdmin,
}

/// <summary>A role held in a unit; it reaches the unit's whole subtree.</summary>
internal sealed class RoleAssignment
{
    public int Id { get; private set; }
    public Guid UserId { get; init; }
    public StaffRole Role { get; init; }
    public int UnitId { get; init; }
    public AdministrativeUnit? Unit { get; init; }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> builder)
    {
        builder.ToTable("RoleAssignments");
        builder.Property(r => r.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.UserId, r.Role, r.UnitId }).IsUnique();
    }
}
