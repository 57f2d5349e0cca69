using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.CitizenIdentity;

/// <summary>
/// A citizen account linked to a person of the national identity: the provider's subject, and what it last vouched for (the
/// personal identification number, full name, date of birth, permanent address). One person, one account; one account, one person.
/// </summary>
internal sealed class NationalIdentityLink
{
    public int Id { get; private set; }
    public Guid UserId { get; init; }
    public required string Issuer { get; init; }
    public required string Subject { get; init; }
    public string IdNumber { get; private set; } = "";
    public string FullName { get; private set; } = "";
    public DateOnly BirthDate { get; private set; }
    public string? Address { get; private set; }
    public DateTime LinkedAt { get; init; }

    /// <summary>The last sign-in through the national identity, which refreshed the data above.</summary>
    public DateTime VerifiedAt { get; private set; }

    public void Refresh(VerifiedIdentity identity, DateTime at)
    {
        IdNumber = identity.IdNumber;
        FullName = identity.FullName;
        BirthDate = identity.BirthDate;
        Address = identity.Address;
        VerifiedAt = at;
    }
}

/// <summary>A dossier whose owner is the person the national identity vouched for when the citizen submitted it.</summary>
internal sealed class DossierOwnerVerification
{
    public Guid DossierId { get; init; }
    public required string Issuer { get; init; }
    public required string Subject { get; init; }
    public DateOnly BirthDate { get; init; }
    public DateTime VerifiedAt { get; init; }
}

internal sealed class NationalIdentityLinkConfiguration : IEntityTypeConfiguration<NationalIdentityLink>
{
    public void Configure(EntityTypeBuilder<NationalIdentityLink> builder)
    {
        builder.ToTable("NationalIdentityLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Issuer).HasMaxLength(300);
        builder.Property(l => l.Subject).HasMaxLength(200);
        builder.Property(l => l.IdNumber).HasMaxLength(12);
        builder.Property(l => l.FullName).HasMaxLength(200);
        builder.Property(l => l.Address).HasMaxLength(300);
        builder.HasIndex(l => new { l.Issuer, l.Subject }).IsUnique();
        builder.HasIndex(l => l.UserId).IsUnique();
        builder.HasIndex(l => l.IdNumber).IsUnique();
    }
}

internal sealed class DossierOwnerVerificationConfiguration : IEntityTypeConfiguration<DossierOwnerVerification>
{
    public void Configure(EntityTypeBuilder<DossierOwnerVerification> builder)
    {
        builder.ToTable("DossierOwnerVerifications");
        builder.HasKey(v => v.DossierId);
        builder.Property(v => v.Issuer).HasMaxLength(300);
        builder.Property(v => v.Subject).HasMaxLength(200);
    }
}
