using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.CitizenIdentity;

/// <summary>What a new dossier took from what the state already held instead of the citizen typing or uploading it again.</summary>
internal enum ReuseKind
{
    /// <summary>The owner's name, identification number and date of birth, from the national identity (the population database behind it).</summary>
    IdentityData,

    /// <summary>The owner's data as given on the citizen's earlier dossier, kept unchanged.</summary>
    EarlierDossierData,

    /// <summary>A component's file taken from an earlier dossier (a document submitted or a result issued) instead of a new upload.</summary>
    Document,
}

/// <summary>One reuse on a dossier, recorded with the submission (Decision 766 indicator 4.3).</summary>
internal sealed class DossierReuse
{
    public long Id { get; private set; }
    public Guid DossierId { get; init; }
    public ReuseKind Kind { get; init; }

    /// <summary>For a document: the component of the new dossier it stands for.</summary>
    public string? Component { get; init; }

    public Guid? SourceDossierId { get; init; }
    public Guid? SourceFileId { get; init; }

    /// <summary>For a document: the file the reuse made in the new dossier.</summary>
    public Guid? FileId { get; init; }

    public DateTime RecordedAt { get; init; }
}

internal sealed class DossierReuseConfiguration : IEntityTypeConfiguration<DossierReuse>
{
    public void Configure(EntityTypeBuilder<DossierReuse> builder)
    {
        builder.ToTable("DossierReuses");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Component).HasMaxLength(500);
        builder.HasIndex(r => r.DossierId);
    }
}
