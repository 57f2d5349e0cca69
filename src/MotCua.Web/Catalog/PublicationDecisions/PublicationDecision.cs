using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Dossiers;

namespace MotCua.Web.Catalog.PublicationDecisions;

/// <summary>
/// A decision announcing procedures (quyết định công bố danh mục thủ tục hành chính, Decree 63/2010/NĐ-CP Art. 13–15 as amended by Decree
/// 92/2017/NĐ-CP): its number and signing date, the date the legal text it implements takes effect, the procedures it announces, and the day
/// they were publicised on the national database of administrative procedures (Decree 63/2010 Art. 17–19). Recorded once; the one later
/// change is the publicising date, guarded by <see cref="Version"/> so that two officers recording it at once cannot both win (409).
/// </summary>
internal sealed class PublicationDecision
{
    public int Id { get; private set; }
    public required string Number { get; init; }
    public required string Title { get; init; }
    public DateOnly SignedOn { get; init; }
    public DateOnly EffectiveOn { get; init; }
    public DateOnly? PublicisedOn { get; private set; }
    public DateTime RecordedAt { get; init; }
    public int Version { get; private set; } = 1;
    public List<PublicationDecisionProcedure> Procedures { get; init; } = [];

    /// <summary>Records the day the announced procedures went public on the national database; once, and not before the signing.</summary>
    public RuleBroken? Publicise(DateOnly on)
    {
        if (PublicisedOn is not null)
        {
            return new RuleBroken("already-publicised", "Problem.Conflict");
        }

        if (on < SignedOn)
        {
            return new RuleBroken("publicised-before-signing", "Problem.Validation");
        }

        PublicisedOn = on;
        Version++;
        return null;
    }
}

internal sealed class PublicationDecisionProcedure
{
    public int Id { get; private set; }
    public int DecisionId { get; private set; }
    public int ProcedureId { get; init; }
}

internal sealed class PublicationDecisionConfiguration : IEntityTypeConfiguration<PublicationDecision>
{
    public void Configure(EntityTypeBuilder<PublicationDecision> builder)
    {
        builder.Property(d => d.Number).HasMaxLength(60);
        builder.Property(d => d.Title).HasMaxLength(1000);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasIndex(d => d.Number).IsUnique();
        builder.HasIndex(d => d.SignedOn);
        builder.HasMany(d => d.Procedures).WithOne().HasForeignKey(p => p.DecisionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PublicationDecisionProcedureConfiguration : IEntityTypeConfiguration<PublicationDecisionProcedure>
{
    public void Configure(EntityTypeBuilder<PublicationDecisionProcedure> builder)
    {
        builder.HasIndex(p => new { p.DecisionId, p.ProcedureId }).IsUnique();
        builder.HasOne<Procedure>().WithMany().HasForeignKey(p => p.ProcedureId).OnDelete(DeleteBehavior.Restrict);
    }
}
