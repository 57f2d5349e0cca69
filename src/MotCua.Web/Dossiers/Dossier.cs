using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Catalog;
using MotCua.Web.Integration.Outbox;

namespace MotCua.Web.Dossiers;

/// <summary>Who the dossier is for (LoaiDoiTuong: 1 citizen, 2 business, 3 state body, 4 other).</summary>
internal enum OwnerKind
{
    Citizen = 1,
    Business = 2,
    StateBody = 3,
    Other = 4,
}

internal enum IdentityDocument
{
    CitizenId,
    Passport,
    BusinessRegistration,
    Other,
}

/// <summary>A person or organisation named on a dossier (the owner, or the submitter on their behalf).</summary>
internal sealed record Party(string Name, IdentityDocument IdType, string IdNumber, string Address, string? Phone, string? Email);

/// <summary>
/// A dossier (hồ sơ). It is pinned to the procedure version it was received under, keeps the unit
/// that received it and the unit competent to handle it, and changes state only through its methods,
/// which refuse an illegal transition by returning the rule it breaks (null: done).
/// </summary>
internal sealed partial class Dossier
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string? Code { get; private set; }
    public int Version { get; private set; }
    public DossierState State { get; private set; }
    public Channel Channel { get; init; }
    public required string ProcedureCode { get; init; }
    public int ProcedureVersionId { get; init; }
    public required string ProcedureName { get; init; }
    public string? DomainCode { get; init; }
    public int ReceivingUnitId { get; private set; }
    public string ReceivingUnitPath { get; private set; } = "";
    public int HandlingUnitId { get; private set; }
    public string HandlingUnitPath { get; private set; } = "";
    public OwnerKind OwnerKind { get; init; }
    // Backing fields: the owner's data is set once at intake, then changed only by a correction or the erasure
    // at the end of retention (Privacy/Dossier.PersonalData.cs).
    private Party _owner = null!;
    private Party? _submitter;
    private string? _summary;
    private Guid? _citizenAccountId;

    public required Party Owner { get => _owner; init => _owner = value; }
    public Party? Submitter { get => _submitter; init => _submitter = value; }
    public string? Summary { get => _summary; init => _summary = value; }
    public int Sets { get; init; } = 1;
    public Guid? CitizenAccountId { get => _citizenAccountId; init => _citizenAccountId = value; }

    /// <summary>When the owner's and submitter's data were erased because the retention period ended (Law 91/2025, Art. 14).</summary>
    public DateTime? PersonalDataErasedAt { get; private set; }

    /// <summary>Set when a staff session submits on the channel "online" for a citizen (DESIGN.md §4.13).</summary>
    public bool SubmittedFromStaffSession { get; init; }

    public DateTime CreatedAt { get; init; }
    public DateTime? SubmittedAt { get; init; }
    public DateTime? ReceivedAt { get; private set; }
    public DateTime? DueAt { get; private set; }

    /// <summary>The appointment first given; lateness is judged against it even after an extension.</summary>
    public DateTime? OriginalDueAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }
    public string? Reason { get; private set; }

    /// <summary>Printed on the slip; with the code it opens the public tracking page.</summary>
    public required string TrackingSecret { get; init; }

    public string? PostalWaybill { get; init; }
    public DateTime? PostDeliveredAt { get; init; }
    public bool ReturnByPost { get; init; }
    public List<DossierComponent> Components { get; } = [];
    public List<DossierFile> Files { get; } = [];

    // Not mapped: the notices that the changes of this unit of work call for, until the commit step writes them.
    private readonly List<OutboxMessage> _notices = [];

    /// <summary>Records a notice that this change calls for; <see cref="DossierCommit"/> writes it with the change.</summary>
    public void Notify(OutboxMessage message) => _notices.Add(message);

    /// <summary>The notices recorded since the last commit, in order; they are the commit step's to write from then on.</summary>
    public IReadOnlyList<OutboxMessage> TakeNotices()
    {
        var taken = _notices.ToList();
        _notices.Clear();
        return taken;
    }

    /// <summary>Gives a placed dossier its code and appointment (see <see cref="Place"/>).</summary>
    public RuleBroken? Receive(string code, DateTime receivedAt, DateTime dueAt)
    {
        if (Require(DossierState.Submitted, DossierState.AwaitingCompletion) is { } broken)
        {
            return broken;
        }

        Code = code;
        ReceivedAt = receivedAt;
        DueAt = dueAt;
        OriginalDueAt = dueAt;
        State = DossierState.Received;
        Version++;
        return null;
    }

    /// <summary>Places a dossier that has not been received yet (an online submission) with the units that will check and handle it.</summary>
    public void Place(int receivingUnitId, string receivingUnitPath, int handlingUnitId, string handlingUnitPath)
    {
        ReceivingUnitId = receivingUnitId;
        ReceivingUnitPath = receivingUnitPath;
        HandlingUnitId = handlingUnitId;
        HandlingUnitPath = handlingUnitPath;
    }

    public void Submit() => State = DossierState.Submitted;

    /// <summary>Form 02 at the counter, or an online submission sent back to be completed.</summary>
    public RuleBroken? AskToComplete(string reason, DateTime at)
    {
        if (Require(DossierState.Submitted) is { } broken)
        {
            return broken;
        }

        State = Channel == Channel.Online ? DossierState.AwaitingCompletion : DossierState.Guided;
        Reason = reason;
        ClosedAt = State == DossierState.Guided ? at : null;
        Version++;
        return null;
    }

    /// <summary>Form 03: refused at intake, with the reason.</summary>
    public RuleBroken? Refuse(string reason, DateTime at)
    {
        if (Require(DossierState.Submitted, DossierState.AwaitingCompletion) is { } broken)
        {
            return broken;
        }

        State = DossierState.Refused;
        Reason = reason;
        ClosedAt = at;
        Version++;
        return null;
    }

    /// <summary>The citizen sent the missing documents for an online submission.</summary>
    public RuleBroken? Resubmit()
    {
        if (Require(DossierState.AwaitingCompletion) is { } broken)
        {
            return broken;
        }

        State = DossierState.Submitted;
        Version++;
        return null;
    }

    private RuleBroken? Require(params DossierState[] allowed) => allowed.Contains(State) ? null : RuleBroken.IllegalTransition(State);
}

internal sealed class DossierComponent
{
    public int Id { get; private set; }
    public required string Name { get; init; }
    public int Originals { get; init; }
    public int CertifiedCopies { get; init; }
    public int Copies { get; init; }
}

internal enum DossierFileKind
{
    Submission,
    Result,
}

/// <summary>An uploaded file, stored outside the web root under a server-generated name.</summary>
internal sealed class DossierFile
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DossierFileKind Kind { get; init; }
    public required string FileName { get; init; }

    /// <summary>The dossier component (thành phần hồ sơ) the file was uploaded for, when the citizen said.</summary>
    public string? Component { get; init; }

    public required string ContentType { get; init; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string StoragePath { get; set; }
    public DateTime UploadedAt { get; init; }

    /// <summary>When the unit signed this result (PAdES); a signed result is final and can no longer be changed.</summary>
    public DateTime? SignedAt { get; private set; }

    /// <summary>The file now holds its signed version (a new stored file: the unsigned one stays where it was, for the record).</summary>
    public void BecomeSigned(string storagePath, string sha256, long size, DateTime at)
    {
        StoragePath = storagePath;
        Sha256 = sha256;
        Size = size;
        SignedAt = at;
    }
}

internal sealed class DossierConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> builder)
    {
        builder.ToTable("Dossiers");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Code).HasMaxLength(60);
        builder.HasIndex(d => d.Code).IsUnique();
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(30);
        builder.Property(d => d.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(d => d.OwnerKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.ProcedureCode).HasMaxLength(60);
        builder.Property(d => d.ProcedureName).HasMaxLength(500);
        builder.Property(d => d.DomainCode).HasMaxLength(40);
        builder.Property(d => d.ReceivingUnitPath).HasMaxLength(400);
        builder.Property(d => d.HandlingUnitPath).HasMaxLength(400);
        builder.HasIndex(d => new { d.HandlingUnitPath, d.State, d.DueAt });
        // "My dossiers" asks for one citizen's account: counter and postal dossiers, which have none, are left out of the index.
        builder.HasIndex(d => d.CitizenAccountId).HasFilter("\"CitizenAccountId\" IS NOT NULL");
        builder.Property(d => d.Summary).HasMaxLength(1000);
        builder.Property(d => d.Reason).HasMaxLength(2000);
        builder.Property(d => d.TrackingSecret).HasMaxLength(20);
        builder.Property(d => d.PostalWaybill).HasMaxLength(40);
        builder.OwnsOne(d => d.Owner, Party);
        builder.OwnsOne(d => d.Submitter, Party);
        builder.OwnsMany(d => d.Components, c =>
        {
            c.ToTable("DossierComponents");
            c.HasKey(x => x.Id);
            c.Property(x => x.Name).HasMaxLength(500);
        });
        builder.OwnsMany(d => d.Files, f =>
        {
            f.ToTable("DossierFiles");
            f.HasKey(x => x.Id);
            f.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            f.Property(x => x.FileName).HasMaxLength(200);
            f.Property(x => x.Component).HasMaxLength(500);
            f.Property(x => x.ContentType).HasMaxLength(100);
            f.Property(x => x.Sha256).HasMaxLength(64);
            f.Property(x => x.StoragePath).HasMaxLength(300);
        });
    }

    private static void Party<T>(OwnedNavigationBuilder<Dossier, T> party)
        where T : class
    {
        party.Property("Name").HasMaxLength(200);
        party.Property("IdType").HasConversion<string>().HasMaxLength(30);
        party.Property("IdNumber").HasMaxLength(30);
        party.Property("Address").HasMaxLength(300);
        party.Property("Phone").HasMaxLength(20);
        party.Property("Email").HasMaxLength(256);
    }
}
