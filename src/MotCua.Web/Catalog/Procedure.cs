using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Catalog;

/// <summary>
/// An administrative procedure (thủ tục hành chính) under its stable national code, e.g. <c>1.001193</c>.
/// Its content lives in <see cref="Versions"/>: published versions are never edited, an amendment is a new
/// draft, and publishing closes the previous version the day before the new one starts, so validity
/// periods never overlap and a dossier stays pinned to the version it was received under.
/// </summary>
internal sealed class Procedure
{
    public int Id { get; private set; }
    public required string Code { get; init; }

    /// <summary>The unit whose administrators manage the content (the province publishes the catalog).</summary>
    public int OwnerUnitId { get; init; }
    public AdministrativeUnit? OwnerUnit { get; init; }
    public List<ProcedureVersion> Versions { get; } = [];

    /// <summary>
    /// How many years its dossiers are kept with the people's data once closed; null: the system's default
    /// (<see cref="Privacy.PrivacyOptions.DefaultRetentionYears"/>). Set by Privacy/SetRetention.
    /// </summary>
    public int? RetentionYears { get; private set; }

    public void SetRetention(int? years) => RetentionYears = years;

    public ProcedureVersion? Draft => Versions.FirstOrDefault(v => v.Status == VersionStatus.Draft);

    /// <summary>The latest version that left the draft state, whatever its state now.</summary>
    public ProcedureVersion? LatestIssued => Versions.Where(v => v.Status != VersionStatus.Draft).MaxBy(v => v.Number);

    public ProcedureVersion StartDraft()
    {
        if (Draft is not null)
        {
            throw ProblemException.Conflict("draft-exists", "Problem.Conflict");
        }

        var draft = new ProcedureVersion { Number = Versions.Count == 0 ? 1 : Versions.Max(v => v.Number) + 1 };
        Versions.Add(draft);
        return draft;
    }

    /// <summary>Amending copies the latest published version into a new draft; the published one stays as it is.</summary>
    public ProcedureVersion Amend()
    {
        var source = Versions.Where(v => v.Status == VersionStatus.Published).MaxBy(v => v.Number)
            ?? throw ProblemException.Conflict("nothing-published", "Problem.Conflict");
        var draft = StartDraft();
        draft.CopyFrom(source);
        return draft;
    }

    /// <summary>Publishes the draft from <paramref name="validFrom"/>; the previous version ends the day before.</summary>
    public void Publish(ProcedureVersion draft, DateOnly validFrom, DateTime now)
    {
        if (draft.Status != VersionStatus.Draft)
        {
            throw ProblemException.Conflict("published-version-immutable", "Problem.Conflict");
        }

        var previous = LatestIssued;
        if (previous is not null)
        {
            // Validity periods follow one another: never overlapping, never going back in time.
            if (validFrom <= previous.ValidFrom || (previous.Status == VersionStatus.Abolished && validFrom <= previous.ValidTo))
            {
                throw ProblemException.Conflict("validity-overlap", "Problem.Conflict");
            }

            if (previous.Status == VersionStatus.Published)
            {
                previous.Supersede(validFrom.AddDays(-1));
            }
        }

        draft.MarkPublished(validFrom, now);
    }

    public void Abolish(DateOnly effective)
    {
        var current = Versions.Where(v => v.Status == VersionStatus.Published).MaxBy(v => v.Number)
            ?? throw ProblemException.Conflict("nothing-published", "Problem.Conflict");
        if (effective <= current.ValidFrom)
        {
            throw ProblemException.Conflict("validity-overlap", "Problem.Conflict");
        }

        current.MarkAbolished(effective.AddDays(-1));
    }
}

internal sealed class ProcedureConfiguration : IEntityTypeConfiguration<Procedure>
{
    public void Configure(EntityTypeBuilder<Procedure> builder)
    {
        builder.ToTable("Procedures");
        builder.Property(p => p.Code).HasMaxLength(60);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.HasOne(p => p.OwnerUnit).WithMany().HasForeignKey(p => p.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Versions).WithOne(v => v.Procedure).HasForeignKey(v => v.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(p => p.Draft);
        builder.Ignore(p => p.LatestIssued);
    }
}
