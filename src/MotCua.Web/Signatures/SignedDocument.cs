using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Signatures;

internal enum SignedDocumentKind
{
    /// <summary>A result (giấy tờ kết quả) of a dossier, signed at the leader's approval.</summary>
    Result,

    /// <summary>A slip (legal form) the unit issued as PDF: each copy issued is signed and recorded.</summary>
    Slip,
}

/// <summary>
/// MotCua's record of a document it signed: the hash of the signed file, who signed (the officer and the certificate), when, and for
/// which dossier. Its id is in the QR code on the document. Rows are only ever added.
/// </summary>
internal sealed class SignedDocument
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public SignedDocumentKind Kind { get; init; }
    public Guid DossierId { get; init; }
    public required string DossierCode { get; init; }
    public Guid? FileId { get; init; }
    public required string FileName { get; init; }
    public required string UnitCode { get; init; }
    public required string UnitPath { get; init; }

    /// <summary>SHA-256 of the signed file (hex), which is what the citizen holds.</summary>
    public required string Sha256 { get; init; }

    /// <summary>SHA-256 of the file before it was signed.</summary>
    public required string OriginalSha256 { get; init; }

    public required string CertificateSubject { get; init; }
    public required string CertificateThumbprint { get; init; }
    public DateTime SignedAt { get; init; }
    public Guid? SignedById { get; init; }
    public required string SignedByName { get; init; }
}

internal sealed class SignedDocumentConfiguration : IEntityTypeConfiguration<SignedDocument>
{
    public void Configure(EntityTypeBuilder<SignedDocument> builder)
    {
        builder.ToTable("SignedDocuments");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.DossierCode).HasMaxLength(60);
        builder.Property(s => s.FileName).HasMaxLength(200);
        builder.Property(s => s.UnitCode).HasMaxLength(40);
        builder.Property(s => s.UnitPath).HasMaxLength(400);
        builder.Property(s => s.Sha256).HasMaxLength(64);
        builder.Property(s => s.OriginalSha256).HasMaxLength(64);
        builder.Property(s => s.CertificateSubject).HasMaxLength(400);
        builder.Property(s => s.CertificateThumbprint).HasMaxLength(64);
        builder.Property(s => s.SignedByName).HasMaxLength(200);
        builder.HasIndex(s => s.Sha256);
        builder.HasIndex(s => s.DossierId);
        builder.HasIndex(s => new { s.UnitPath, s.SignedAt });
    }
}
