using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Feedback;

/// <summary>Where a feedback or petition came in.</summary>
internal enum PetitionChannel
{
    Portal,
    Counter,
    Hotline,
}

/// <summary>
/// What it is about (Decree 20/2008/NĐ-CP Art. 3, as amended by Decree 92/2017/NĐ-CP): the conduct of an agency or
/// officer applying a regulation (late, troublesome, not or wrongly applied), the regulation itself, or the outcome of a
/// dossier (linked to it).
/// </summary>
internal enum PetitionKind
{
    Conduct,
    Regulation,
    DossierOutcome,
    Other,
}

internal enum PetitionState
{
    Received,
    Assigned,
    Answered,
}

/// <summary>
/// A feedback or petition (phản ánh, kiến nghị) about administrative regulations and their handling. The sender's
/// particulars stay inside; only the answer's public text, which the answer step checks for them, is published, and only
/// when the sender agreed.
/// </summary>
internal sealed class Petition
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The reference given to the sender (e.g. PA-7K3Q9M2X), to follow it up.</summary>
    public required string Reference { get; init; }

    public int Version { get; private set; }
    public PetitionChannel Channel { get; init; }
    public PetitionKind Kind { get; private set; }
    public PetitionState State { get; private set; }
    public required string SenderName { get; init; }
    public string? SenderPhone { get; init; }
    public string? SenderEmail { get; init; }
    public string? SenderAddress { get; init; }
    public bool AgreesToPublish { get; init; }
    public required string Content { get; init; }
    public int UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public string? ProcedureCode { get; private set; }
    public Guid? DossierId { get; init; }
    public string? DossierCode { get; init; }
    public Guid? CitizenAccountId { get; init; }
    public DateTime ReceivedAt { get; init; }
    public string? ReceivedByName { get; init; }
    public Guid? AssigneeId { get; private set; }
    public string? AssigneeName { get; private set; }
    public DateTime? AssignedAt { get; private set; }
    public DateTime? DueAt { get; private set; }
    public DateTime? AnsweredAt { get; private set; }
    public string? Answer { get; private set; }
    public string? PublicAnswer { get; private set; }
    public DateTime? PublishedAt { get; private set; }

    /// <summary>The sender's rating of the answer: true "hài lòng", false "không hài lòng", null not rated (yet).</summary>
    public bool? SenderSatisfied { get; private set; }

    public DateTime? RatedAt { get; private set; }

    /// <summary>The earlier petition of the same sender account that this one raises again; null when first received.</summary>
    public Guid? EarlierPetitionId { get; init; }

    /// <summary>The later petition by which the sender raised this one again.</summary>
    public Guid? RaisedAgainById { get; private set; }

    public bool IsOverdue(DateTime now) => State != PetitionState.Answered && DueAt is { } due && due < now;

    public bool AnsweredOnTime => AnsweredAt is { } answered && DueAt is { } due && answered <= due;

    public void Place(int unitId, string unitPath)
    {
        UnitId = unitId;
        UnitPath = unitPath;
    }

    /// <summary>The kind and procedure as the sender or the receiving officer gave them; the assignment may correct them.</summary>
    public void Classify(PetitionKind kind, string? procedureCode)
    {
        Kind = kind;
        ProcedureCode = procedureCode;
    }

    /// <summary>Classifies and assigns; the due date restarts when the petition moves to another unit (the latest forward).</summary>
    public bool Assign(PetitionKind kind, int unitId, string unitPath, string? procedureCode, Guid assigneeId, string assigneeName, DateTime at, DateTime dueAt)
    {
        if (State == PetitionState.Answered)
        {
            return false;
        }

        Kind = kind;
        UnitId = unitId;
        UnitPath = unitPath;
        ProcedureCode = procedureCode;
        AssigneeId = assigneeId;
        AssigneeName = assigneeName;
        AssignedAt = at;
        DueAt = dueAt;
        State = PetitionState.Assigned;
        Version++;
        return true;
    }

    public bool Reply(string answer, string? publicAnswer, DateTime at)
    {
        if (State != PetitionState.Assigned)
        {
            return false;
        }

        Answer = answer;
        AnsweredAt = at;
        PublicAnswer = AgreesToPublish ? publicAnswer : null;
        PublishedAt = PublicAnswer is null ? null : at;
        State = PetitionState.Answered;
        Version++;
        return true;
    }

    /// <summary>The sender rates the answer, once.</summary>
    public bool Rate(bool satisfied, DateTime at)
    {
        if (State != PetitionState.Answered || SenderSatisfied is not null)
        {
            return false;
        }

        SenderSatisfied = satisfied;
        RatedAt = at;
        Version++;
        return true;
    }

    /// <summary>The sender raised the matter again with a later petition; the first one to do so is kept.</summary>
    public bool RaiseAgain(Guid laterId)
    {
        if (RaisedAgainById is not null)
        {
            return false;
        }

        RaisedAgainById = laterId;
        Version++;
        return true;
    }
}

internal sealed class PetitionConfiguration : IEntityTypeConfiguration<Petition>
{
    public void Configure(EntityTypeBuilder<Petition> builder)
    {
        builder.ToTable("Petitions");
        builder.HasIndex(p => p.Reference).IsUnique();
        builder.Property(p => p.Reference).HasMaxLength(20);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.SenderName).HasMaxLength(200);
        builder.Property(p => p.SenderPhone).HasMaxLength(20);
        builder.Property(p => p.SenderEmail).HasMaxLength(256);
        builder.Property(p => p.SenderAddress).HasMaxLength(300);
        builder.Property(p => p.Content).HasMaxLength(4000);
        builder.Property(p => p.UnitPath).HasMaxLength(400);
        builder.Property(p => p.ProcedureCode).HasMaxLength(60);
        builder.Property(p => p.DossierCode).HasMaxLength(60);
        builder.Property(p => p.ReceivedByName).HasMaxLength(200);
        builder.Property(p => p.AssigneeName).HasMaxLength(200);
        builder.Property(p => p.Answer).HasMaxLength(4000);
        builder.Property(p => p.PublicAnswer).HasMaxLength(4000);
        builder.HasIndex(p => new { p.UnitPath, p.ReceivedAt });
        builder.HasIndex(p => p.DossierId).HasFilter("\"DossierId\" IS NOT NULL");
        builder.HasIndex(p => p.CitizenAccountId).HasFilter("\"CitizenAccountId\" IS NOT NULL");
    }
}
