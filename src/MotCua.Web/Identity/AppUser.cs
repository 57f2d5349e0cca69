using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Identity;

internal enum AccountKind
{
    Staff,
    Citizen,
}

/// <summary>A staff member or a citizen. Staff act through unit-scoped <see cref="RoleAssignment"/>s.</summary>
internal sealed class AppUser : IdentityUser<Guid>
{
    public required string FullName { get; set; }
    public AccountKind Kind { get; set; }
    public bool IsDisabled { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<RoleAssignment> Roles { get; } = [];
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(200);
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(u => u.PhoneNumber).IsUnique();
    }
}
