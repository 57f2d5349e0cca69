using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Ratings;

/// <summary>
/// A counter (quầy) of a one-stop desk with its rating tablet. The tablet holds the desk's secret in a cookie, set once by
/// pairing; only a hash is stored. An officer puts a returned dossier on the tablet, and the citizen rates it there without
/// signing in: the tablet can rate only the dossier presented to it, once, for a short time.
/// </summary>
internal sealed class RatingDesk
{
    public int Id { get; private set; }
    public int UnitId { get; init; }
    public required string UnitPath { get; init; }
    public required string Name { get; init; }
    public required string TokenHash { get; init; }
    public int Version { get; private set; }
    public Guid? PresentedDossierId { get; private set; }
    public Guid? PresentedById { get; private set; }
    public string? PresentedByName { get; private set; }
    public DateTime? PresentedAt { get; private set; }

    public void Present(Guid dossierId, Guid? officerId, string officerName, DateTime at)
    {
        PresentedDossierId = dossierId;
        PresentedById = officerId;
        PresentedByName = officerName;
        PresentedAt = at;
        Version++;
    }

    public bool IsWaiting(DateTime now, TimeSpan presentedFor) => PresentedDossierId is not null && PresentedAt + presentedFor > now;

    public void Clear()
    {
        PresentedDossierId = null;
        PresentedById = null;
        PresentedByName = null;
        PresentedAt = null;
        Version++;
    }
}

internal sealed class RatingDeskConfiguration : IEntityTypeConfiguration<RatingDesk>
{
    public void Configure(EntityTypeBuilder<RatingDesk> builder)
    {
        builder.ToTable("RatingDesks");
        builder.Property(d => d.UnitPath).HasMaxLength(400);
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.Property(d => d.TokenHash).HasMaxLength(64);
        builder.HasIndex(d => d.TokenHash).IsUnique();
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Property(d => d.PresentedByName).HasMaxLength(200);
    }
}
