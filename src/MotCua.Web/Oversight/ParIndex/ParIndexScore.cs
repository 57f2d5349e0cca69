using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>
/// One unit's score on one leaf criterion of a year's index: the unit's own score with its explanation and evidence, the appraiser's
/// adjustment with a comment, and, once the year is finalised, the frozen figure and points. Writers name the <see cref="Version"/> they saw:
/// of two concurrent changes one wins and the other gets 409; finalisation rewrites every row, so it also collides with a late change.
/// </summary>
internal sealed class ParIndexScore
{
    public long Id { get; private set; }
    public int FrameworkId { get; init; }
    public int UnitId { get; init; }
    public int CriterionId { get; init; }
    public decimal? SelfPoints { get; private set; }
    public string? SelfExplanation { get; private set; }
    public DateTime? SelfAssessedAt { get; private set; }
    public decimal? AppraisedPoints { get; private set; }
    public string? AppraisalComment { get; private set; }
    public DateTime? AppraisedAt { get; private set; }

    /// <summary>The automatic figure frozen at finalisation (part of whole).</summary>
    public int? MeasuredPart { get; private set; }

    public int? MeasuredWhole { get; private set; }
    public decimal? FinalPoints { get; private set; }
    public int Version { get; private set; }
    public List<ParIndexEvidence> Evidence { get; init; } = [];

    public void SelfAssess(decimal points, string explanation, DateTime at)
    {
        (SelfPoints, SelfExplanation, SelfAssessedAt) = (points, explanation, at);
        Version++;
    }

    public void Appraise(decimal points, string comment, DateTime at)
    {
        (AppraisedPoints, AppraisalComment, AppraisedAt) = (points, comment, at);
        Version++;
    }

    public void AddEvidence(ParIndexEvidence evidence)
    {
        Evidence.Add(evidence);
        Version++;
    }

    public void Freeze(decimal points, int? part, int? whole)
    {
        (FinalPoints, MeasuredPart, MeasuredWhole) = (points, part, whole);
        Version++;
    }
}

/// <summary>A file the unit attached to prove a self-assessed score, kept in the file store like a dossier's files.</summary>
internal sealed class ParIndexEvidence
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public long ScoreId { get; private set; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public long Size { get; init; }
    public required string Sha256 { get; init; }
    public required string StoragePath { get; init; }
    public DateTime UploadedAt { get; init; }
    public Guid UploadedById { get; init; }
}

internal sealed class ParIndexScoreConfiguration : IEntityTypeConfiguration<ParIndexScore>
{
    public void Configure(EntityTypeBuilder<ParIndexScore> builder)
    {
        builder.Property(s => s.SelfPoints).HasPrecision(6, 2);
        builder.Property(s => s.AppraisedPoints).HasPrecision(6, 2);
        builder.Property(s => s.FinalPoints).HasPrecision(6, 2);
        builder.Property(s => s.SelfExplanation).HasMaxLength(2000);
        builder.Property(s => s.AppraisalComment).HasMaxLength(2000);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => new { s.UnitId, s.CriterionId }).IsUnique();
        builder.HasIndex(s => s.FrameworkId);
        builder.HasOne<ParIndexFramework>().WithMany().HasForeignKey(s => s.FrameworkId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ParIndexCriterion>().WithMany().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Units.AdministrativeUnit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Evidence).WithOne().HasForeignKey(e => e.ScoreId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ParIndexEvidenceConfiguration : IEntityTypeConfiguration<ParIndexEvidence>
{
    public void Configure(EntityTypeBuilder<ParIndexEvidence> builder)
    {
        // The id is made here, so an evidence row added through its score is an insert, not an update of a row that does not exist.
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.FileName).HasMaxLength(200);
        builder.Property(e => e.ContentType).HasMaxLength(100);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.StoragePath).HasMaxLength(200);
        builder.HasIndex(e => e.ScoreId);
    }
}
