using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Catalog;

/// <summary>A field of administration (lĩnh vực), e.g. HT Hộ tịch, DD Đất đai.</summary>
internal sealed class Domain
{
    public int Id { get; private set; }
    public required string Code { get; init; }
    public required string Name { get; set; }
}

internal sealed class DomainConfiguration : IEntityTypeConfiguration<Domain>
{
    public void Configure(EntityTypeBuilder<Domain> builder)
    {
        builder.ToTable("Domains");
        builder.Property(d => d.Code).HasMaxLength(40);
        builder.HasIndex(d => d.Code).IsUnique();
        builder.Property(d => d.Name).HasMaxLength(200);
    }
}
