using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Catalog;

internal enum VersionStatus
{
    Draft,
    Published,
    Superseded,
    Abolished,
}

/// <summary>Dịch vụ công trực tuyến: none, partial (một phần) or full (toàn trình).</summary>
internal enum OnlineMode
{
    None,
    Partial,
    Full,
}

/// <summary>One version of a procedure's public content (DESIGN.md §4.2). Only a draft may change.</summary>
internal sealed class ProcedureVersion
{
    public int Id { get; private set; }
    public int ProcedureId { get; private set; }
    public Procedure? Procedure { get; private set; }
    public int Number { get; init; }
    public VersionStatus Status { get; private set; }
    public DateOnly? ValidFrom { get; private set; }
    public DateOnly? ValidTo { get; private set; }
    public DateTime? PublishedAt { get; private set; }

    public string Name { get; private set; } = "";
    public UnitLevel Level { get; private set; }
    public int DomainId { get; private set; }
    public Domain? Domain { get; private set; }
    public string Agency { get; private set; } = "";
    public string Steps { get; private set; } = "";
    public string Result { get; private set; } = "";
    public string Requirements { get; private set; } = "";
    public string LegalBasis { get; private set; } = "";
    public OnlineMode OnlineMode { get; private set; }
    public bool PostalIntake { get; private set; }
    public bool PostalReturn { get; private set; }

    /// <summary>
    /// What a supplement asked during processing does to the clock. Neither Decree 61/2018/NĐ-CP (as amended by Decree
    /// 107/2021/NĐ-CP) nor Decree 118/2025/NĐ-CP sets one rule for every procedure: the time either restarts once the full
    /// dossier arrives ("tính lại từ đầu", the common rule) or resumes, as the law of the procedure says. So it is data.
    /// </summary>
    public SupplementRule SupplementRule { get; private set; }

    /// <summary>
    /// Whether the applicant's wait to pay a fee, charge or tax counts in the processing time. For most procedures it does
    /// not, as land law rules for land registration ("không tính thời gian thực hiện nghĩa vụ tài chính", Decree
    /// 43/2014/NĐ-CP Art. 61.4): the wait is the applicant's, like a supplement.
    /// </summary>
    public bool PaymentTimeCounts { get; private set; }

    /// <summary>The name without case or diacritics, for search and ranking.</summary>
    public string SearchName { get; private set; } = "";

    /// <summary>Name, code, domain and agency without case or diacritics.</summary>
    public string SearchText { get; private set; } = "";

    public List<ProcedureComponent> Components { get; } = [];
    public List<ProcessingTime> Times { get; } = [];
    public List<ProcedureFee> Fees { get; } = [];

    public bool IsValidOn(DateOnly date) =>
        Status != VersionStatus.Draft && ValidFrom <= date && (ValidTo is null || date <= ValidTo);

    public void Edit(ProcedureContent content, Domain domain, string code)
    {
        if (Status != VersionStatus.Draft)
        {
            throw ProblemException.Conflict("published-version-immutable", "Problem.Conflict");
        }

        Name = content.Name;
        Level = content.Level;
        Domain = domain;
        DomainId = domain.Id;
        Agency = content.Agency;
        Steps = content.Steps;
        Result = content.Result;
        Requirements = content.Requirements;
        LegalBasis = content.LegalBasis;
        OnlineMode = content.OnlineMode;
        PostalIntake = content.PostalIntake;
        PostalReturn = content.PostalReturn;
        SupplementRule = content.SupplementRule;
        PaymentTimeCounts = content.PaymentTimeCounts;
        RefreshSearch(code);
        // A component that stays under the same name keeps its form file.
        var forms = Components.Where(c => c.FormTemplateId is not null).GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First().FormTemplateId);
        Components.Clear();
        Components.AddRange(content.Components.Select((c, i) => new ProcedureComponent
        {
            Order = i + 1,
            Name = c.Name,
            Originals = c.Originals,
            CertifiedCopies = c.CertifiedCopies,
            Copies = c.Copies,
            FormTemplateId = c.NewForm is null ? c.FormId ?? forms.GetValueOrDefault(c.Name) : null,
            FormTemplate = c.NewForm,
        }));
        Times.Clear();
        Times.AddRange(content.Times.Select(t => new ProcessingTime { Channel = t.Channel, Amount = t.Amount, Unit = t.Unit, SameDayCutoff = t.Cutoff }));
        Fees.Clear();
        Fees.AddRange(content.Fees.Select(f => new ProcedureFee { Kind = f.Kind, Name = f.Name, Amount = f.Amount, Exemptions = f.Exemptions }));
    }

    /// <summary>Recomputes the folded search columns; a derived value, so issued versions too follow a renamed domain.</summary>
    public void RefreshSearch(string code)
    {
        SearchName = SearchTerms.Normalize(Name);
        SearchText = SearchTerms.Normalize(string.Join(' ', Name, code, Domain?.Name, Agency));
    }

    public void AttachForm(int order, FormTemplate form)
    {
        if (Status != VersionStatus.Draft)
        {
            throw ProblemException.Conflict("published-version-immutable", "Problem.Conflict");
        }

        var component = Components.FirstOrDefault(c => c.Order == order) ?? throw ProblemException.NotFound();
        component.FormTemplate = form;
    }

    public void CopyFrom(ProcedureVersion source)
    {
        var content = ProcedureContent.From(source);
        Edit(content, source.Domain!, source.Procedure!.Code);
    }

    /// <summary>The publish validator: what a citizen and the deadline engine cannot do without.</summary>
    public IReadOnlyList<(string Field, string Key)> PublishProblems(IEnumerable<ProcessDefinition> processes)
    {
        var problems = new List<(string, string)>();
        if (Times.Count == 0)
        {
            problems.Add(("times", "Catalog.NeedsTime"));
        }

        if (Components.Count == 0)
        {
            problems.Add(("components", "Catalog.NeedsComponent"));
        }

        if (Times.Count > 0)
        {
            var budget = Times.Min(t => t.WorkingHours);
            foreach (var process in processes.Where(p => p.TotalHours > budget))
            {
                problems.Add(("process." + process.Unit!.Code, "Catalog.ProcessTooLong"));
            }
        }

        return problems;
    }

    internal void MarkPublished(DateOnly validFrom, DateTime now)
    {
        Status = VersionStatus.Published;
        ValidFrom = validFrom;
        ValidTo = null;
        PublishedAt = now;
    }

    internal void Supersede(DateOnly validTo)
    {
        Status = VersionStatus.Superseded;
        ValidTo = validTo;
    }

    internal void MarkAbolished(DateOnly validTo)
    {
        Status = VersionStatus.Abolished;
        ValidTo = validTo;
    }
}

internal sealed class ProcedureVersionConfiguration : IEntityTypeConfiguration<ProcedureVersion>
{
    public void Configure(EntityTypeBuilder<ProcedureVersion> builder)
    {
        builder.ToTable("ProcedureVersions");
        builder.HasIndex(v => new { v.ProcedureId, v.Number }).IsUnique();
        builder.HasIndex(v => new { v.Status, v.ValidFrom });
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Level).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.OnlineMode).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.SupplementRule).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(v => v.Domain).WithMany().HasForeignKey(v => v.DomainId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.Steps).HasColumnType("text");
        builder.Property(v => v.Result).HasColumnType("text");
        builder.Property(v => v.Requirements).HasColumnType("text");
        builder.Property(v => v.LegalBasis).HasColumnType("text");
        builder.Property(v => v.SearchText).HasColumnType("text");
        builder.HasMany(v => v.Components).WithOne().HasForeignKey(c => c.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Times).WithOne().HasForeignKey(t => t.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Fees).WithOne().HasForeignKey(f => f.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
