using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Catalog;

internal enum Channel
{
    Counter,
    Online,
    Postal,
}

internal enum TimeUnit
{
    WorkingDays,
    HalfDays,
    WorkingHours,
    CalendarDays,
}

internal enum FeeKind
{
    /// <summary>Phí: pays for a service.</summary>
    Phi,

    /// <summary>Lệ phí: a state charge.</summary>
    LePhi,
}

/// <summary>A document the dossier must hold (thành phần hồ sơ), with an optional form to download.</summary>
internal sealed class ProcedureComponent
{
    public int Id { get; private set; }
    public int VersionId { get; private set; }
    public int Order { get; init; }
    public required string Name { get; init; }
    public int Originals { get; init; }
    public int CertifiedCopies { get; init; }
    public int Copies { get; init; }
    public int? FormTemplateId { get; internal set; }
    public FormTemplate? FormTemplate { get; internal set; }
}

/// <summary>A form file (mẫu đơn, tờ khai). Versions share it: amending copies the reference, not the bytes.</summary>
internal sealed class FormTemplate
{
    public int Id { get; private set; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required byte[] Content { get; init; }
    public DateTime UploadedAt { get; init; }
}

/// <summary>How long the procedure takes on one channel, with an optional same-day cut-off
/// ("nhận sau 15 giờ thì trả ngày làm việc tiếp theo").</summary>
internal sealed class ProcessingTime
{
    public const int HoursPerWorkingDay = 8;

    public int Id { get; private set; }
    public int VersionId { get; private set; }
    public Channel Channel { get; init; }
    public int Amount { get; init; }
    public TimeUnit Unit { get; init; }
    public TimeOnly? SameDayCutoff { get; init; }

    public decimal WorkingHours => ToWorkingHours(Amount, Unit);

    /// <summary>Working hours in a time: 1 working day = 8 h, a half-day = 4 h. Calendar days count their
    /// working days at five in seven (the exact figure needs the unit's calendar, which the deadline engine uses).</summary>
    public static decimal ToWorkingHours(int amount, TimeUnit unit) => unit switch
    {
        TimeUnit.WorkingDays => amount * HoursPerWorkingDay,
        TimeUnit.HalfDays => amount * HoursPerWorkingDay / 2m,
        TimeUnit.WorkingHours => amount,
        TimeUnit.CalendarDays => amount * 5 / 7 * HoursPerWorkingDay,
    };
}

/// <summary>A fee or charge in đồng, with who is exempt.</summary>
internal sealed class ProcedureFee
{
    public int Id { get; private set; }
    public int VersionId { get; private set; }
    public FeeKind Kind { get; init; }
    public required string Name { get; init; }
    public long Amount { get; init; }
    public string? Exemptions { get; init; }
}

internal sealed class ProcedureComponentConfiguration : IEntityTypeConfiguration<ProcedureComponent>
{
    public void Configure(EntityTypeBuilder<ProcedureComponent> builder)
    {
        builder.ToTable("ProcedureComponents");
        builder.HasIndex(c => new { c.VersionId, c.Order });
        builder.HasOne(c => c.FormTemplate).WithMany().HasForeignKey(c => c.FormTemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FormTemplateConfiguration : IEntityTypeConfiguration<FormTemplate>
{
    public void Configure(EntityTypeBuilder<FormTemplate> builder)
    {
        builder.ToTable("FormTemplates");
        builder.Property(f => f.FileName).HasMaxLength(200);
        builder.Property(f => f.ContentType).HasMaxLength(100);
    }
}

internal sealed class ProcessingTimeConfiguration : IEntityTypeConfiguration<ProcessingTime>
{
    public void Configure(EntityTypeBuilder<ProcessingTime> builder)
    {
        builder.ToTable("ProcessingTimes");
        builder.Property(t => t.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Unit).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(t => new { t.VersionId, t.Channel }).IsUnique();
        builder.Ignore(t => t.WorkingHours);
    }
}

internal sealed class ProcedureFeeConfiguration : IEntityTypeConfiguration<ProcedureFee>
{
    public void Configure(EntityTypeBuilder<ProcedureFee> builder)
    {
        builder.ToTable("ProcedureFees");
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Exemptions).HasColumnType("text");
        builder.HasIndex(f => f.VersionId);
    }
}
