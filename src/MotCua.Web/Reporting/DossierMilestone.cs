using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;

namespace MotCua.Web.Reporting;

/// <summary>What happened to a dossier, as far as the period figures of DESIGN.md §4.8 are concerned.</summary>
internal enum MilestoneKind
{
    Received,
    SupplementRequested,
    SupplementReceived,

    /// <summary>A financial obligation stopped the clock.</summary>
    PaymentRequested,

    /// <summary>The obligation was paid: the clock runs again, to the due date this milestone carries.</summary>
    PaymentReceived,
    ResultAttached,
    Decided,
    Withdrawn,
    Stopped,

    /// <summary>Refused at intake (form 03): never received.</summary>
    Refused,
    Returned,
}

/// <summary>
/// One entry of a dossier's append-only reporting timeline, written in the same transaction as the dossier change.
/// <see cref="Day"/> is the Vietnamese date the event counts on: never before the day it was recorded, so a change
/// made today can only change figures from today on, and a report of a past period gives what it gave then.
/// </summary>
internal sealed class DossierMilestone
{
    public long Id { get; private set; }
    public Guid DossierId { get; init; }
    public MilestoneKind Kind { get; init; }

    /// <summary>When it happened (UTC), as the dossier says.</summary>
    public DateTime At { get; init; }

    public DateOnly Day { get; init; }

    /// <summary>The legal due date from this event on (received, supplement received, payment received).</summary>
    public DateOnly? DueDay { get; init; }

    /// <summary>How a decision kept the legal due date (decided).</summary>
    public Timeliness? Timeliness { get; init; }

    /// <summary>The components came as electronic files (received).</summary>
    public bool Digitised { get; init; }
}

internal sealed class DossierMilestoneConfiguration : IEntityTypeConfiguration<DossierMilestone>
{
    public void Configure(EntityTypeBuilder<DossierMilestone> builder)
    {
        builder.ToTable("DossierMilestones");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(m => m.Timeliness).HasConversion<string>().HasMaxLength(10);
        builder.HasOne<Dossier>().WithMany().HasForeignKey(m => m.DossierId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.DossierId, m.Day });
    }
}

/// <summary>Drill-downs select a report's dossiers by handling unit.</summary>
internal sealed class DossierReportingConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> builder) => builder.HasIndex(d => d.HandlingUnitId);
}
