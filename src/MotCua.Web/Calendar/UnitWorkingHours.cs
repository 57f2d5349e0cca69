using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Units;

namespace MotCua.Web.Calendar;

/// <summary>A unit's published office hours; they apply to its whole subtree unless a lower unit sets its own.</summary>
internal sealed class UnitWorkingHours
{
    public int Id { get; private set; }
    public int UnitId { get; init; }
    public AdministrativeUnit? Unit { get; init; }
    public TimeOnly MorningStart { get; private set; }
    public TimeOnly MorningEnd { get; private set; }
    public TimeOnly AfternoonStart { get; private set; }
    public TimeOnly AfternoonEnd { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public WorkingHours ToWorkingHours() => new(MorningStart, MorningEnd, AfternoonStart, AfternoonEnd);

    public void Set(WorkingHours hours, DateTime now)
    {
        (MorningStart, MorningEnd, AfternoonStart, AfternoonEnd) = (hours.MorningStart, hours.MorningEnd, hours.AfternoonStart, hours.AfternoonEnd);
        UpdatedAt = now;
        Version++;
    }
}

internal sealed class UnitWorkingHoursConfiguration : IEntityTypeConfiguration<UnitWorkingHours>
{
    public void Configure(EntityTypeBuilder<UnitWorkingHours> builder)
    {
        builder.ToTable("UnitWorkingHours");
        builder.HasOne(h => h.Unit).WithMany().HasForeignKey(h => h.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => h.UnitId).IsUnique();
        builder.Property(h => h.Version).IsConcurrencyToken();
    }
}
