using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Units;

/// <summary>
/// An override of a closed unit's default successor (<see cref="AdministrativeUnit.SuccessorId"/>) for one domain or one
/// procedure: e.g. the district's land procedures went to the provincial Department of Agriculture and Environment on
/// 1/7/2025 while its other work went to a commune. Exactly one of <see cref="DomainCode"/> and <see cref="ProcedureCode"/> is set.
/// </summary>
internal sealed class SuccessionRule
{
    public int Id { get; private set; }
    public int PredecessorId { get; init; }
    public int SuccessorId { get; init; }
    public AdministrativeUnit? Successor { get; init; }
    public string? DomainCode { get; init; }
    public string? ProcedureCode { get; init; }
}

internal sealed class SuccessionRuleConfiguration : IEntityTypeConfiguration<SuccessionRule>
{
    public void Configure(EntityTypeBuilder<SuccessionRule> builder)
    {
        builder.ToTable("UnitSuccessionRules");
        builder.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(r => r.PredecessorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Successor).WithMany().HasForeignKey(r => r.SuccessorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.DomainCode).HasMaxLength(40);
        builder.Property(r => r.ProcedureCode).HasMaxLength(60);
        builder.HasIndex(r => new { r.PredecessorId, r.DomainCode, r.ProcedureCode }).IsUnique();
    }
}

/// <summary>
/// Which successor carries on what of a closed unit. The rule model: a procedure override wins, then a domain override,
/// then the default successor. Work without a domain goes to the default. The same mapping hands over open dossiers,
/// procedure providers and internal processes, and rolls the unit's report figures into its successors.
/// </summary>
internal sealed record Succession(int DefaultSuccessorId, IReadOnlyDictionary<string, int> ByDomain, IReadOnlyDictionary<string, int> ByProcedure)
{
    public static Succession Of(int defaultSuccessorId, IEnumerable<SuccessionRule> rules)
    {
        var list = rules.ToList();
        return new Succession(defaultSuccessorId,
            list.Where(r => r.DomainCode is not null).ToDictionary(r => r.DomainCode!, r => r.SuccessorId, StringComparer.Ordinal),
            list.Where(r => r.ProcedureCode is not null).ToDictionary(r => r.ProcedureCode!, r => r.SuccessorId, StringComparer.Ordinal));
    }

    /// <summary>The successor of work in <paramref name="domainCode"/> (null or empty: none) under <paramref name="procedureCode"/>.</summary>
    public int SuccessorFor(string? domainCode, string procedureCode) =>
        ByProcedure.TryGetValue(procedureCode, out var byProcedure) ? byProcedure
        : !string.IsNullOrEmpty(domainCode) && ByDomain.TryGetValue(domainCode, out var byDomain) ? byDomain
        : DefaultSuccessorId;

    /// <summary>True when the successor depends on the domain or the procedure.</summary>
    public bool HasOverrides => ByDomain.Count > 0 || ByProcedure.Count > 0;

    public IEnumerable<int> SuccessorIds => ByDomain.Values.Concat(ByProcedure.Values).Append(DefaultSuccessorId).Distinct();
}
