using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Calendar;

namespace MotCua.Web.Dossiers;

internal enum HandoffKind
{
    /// <summary>The desk hands the received dossier to the first step.</summary>
    Start,
    Forward,
    SendBack,

    /// <summary>The last step is done: the decision goes back to the desk to be returned.</summary>
    ToDesk,

    /// <summary>Một cửa liên thông: sent to another agency's step; pending until that agency answers.</summary>
    Transfer,
    TransferAccepted,

    /// <summary>The other agency refused the transfer, with a reason: back to the step that sent it.</summary>
    TransferRejected,

    /// <summary>The step, still unassigned, is given to an officer of its office (by a leader, or taken from the queue).</summary>
    Assign,

    /// <summary>The step is taken from its officer and given to another: the new holder answers for it from then on.</summary>
    Reassign,
}

/// <summary>
/// One hand-off between two steps of the internal process: a row of the process control slip
/// (form 05 of 2018, 06 of 2025), with both sides, the time and how the step that ended kept its allotted time.
/// </summary>
internal sealed class DossierHandoff
{
    public int Id { get; private set; }
    public HandoffKind Kind { get; init; }
    public DateTime At { get; init; }

    /// <summary>The step that ended (null: the desk).</summary>
    public int? FromStep { get; init; }

    public Guid? FromUserId { get; init; }
    public string FromName { get; init; } = "";

    /// <summary>The step that starts (null: back to the desk).</summary>
    public int? ToStep { get; init; }

    public Guid? ToUserId { get; init; }

    /// <summary>How the ending step kept its allotted working hours; null when it had none (the desk).</summary>
    public Timeliness? Timeliness { get; init; }

    public string? Note { get; init; }
}

/// <summary>Where a dossier in processing is within its procedure's internal process, and who holds it.</summary>
internal sealed partial class Dossier
{
    /// <summary>The order of the current step of the internal process; null while at the desk.</summary>
    public int? CurrentStep { get; private set; }

    /// <summary>The officer the current step is assigned to; null: the office's queue.</summary>
    public Guid? AssigneeId { get; private set; }

    public DateTime? StepStartedAt { get; private set; }

    /// <summary>When the current step's allotted working hours run out.</summary>
    public DateTime? StepDueAt { get; private set; }

    /// <summary>
    /// The unit (path) whose staff do the current step: an office of the handling unit, another agency, or the handling unit
    /// itself; null while at the desk. Its staff see the dossier and find it in their office's queue.
    /// </summary>
    public string? StepOfficePath { get; private set; }

    public List<DossierHandoff> Handoffs { get; } = [];

    /// <summary>The other agency (unit path) the dossier was transferred to, while at its step; it sees the dossier meanwhile.</summary>
    public string? TransferUnitPath { get; private set; }

    public DateTime? TransferSentAt { get; private set; }

    /// <summary>False while the transfer waits for the other agency's answer.</summary>
    public bool TransferAccepted { get; private set; }

    public bool TransferPending => TransferUnitPath is not null && !TransferAccepted;

    /// <summary>
    /// Moves the dossier to <paramref name="toStep"/> (null: back to the desk), done at <paramref name="toOffice"/>, and records
    /// the hand-off. A transfer waits on that office (another agency) until it answers.
    /// </summary>
    public RuleBroken? HandOff(HandoffKind kind, int? toStep, DateTime? toStepDueAt, Guid? assignee, DateTime at, Guid? byUserId, string byName,
        Timeliness? timeliness, string? note, string? toOffice)
    {
        var broken = kind switch
        {
            HandoffKind.Start => Require(DossierState.Received),
            HandoffKind.Forward or HandoffKind.SendBack or HandoffKind.Transfer => Require(DossierState.Processing) ?? NoPendingTransfer(),
            HandoffKind.TransferAccepted or HandoffKind.TransferRejected =>
                Require(DossierState.Processing) ?? (TransferPending ? null : new RuleBroken("no-transfer", "Workflow.NoTransfer")),
            HandoffKind.ToDesk => Require(DossierState.Processing) ?? NoPendingTransfer() ?? RequireResultFile(),
            HandoffKind.Assign or HandoffKind.Reassign => throw new ArgumentOutOfRangeException(nameof(kind), kind, "An assignment keeps the step: see Assign."),
        };
        if (broken is not null)
        {
            return broken;
        }

        if (kind == HandoffKind.Start)
        {
            State = DossierState.Processing;
        }
        else if (kind == HandoffKind.ToDesk)
        {
            Outcome = DossierOutcome.Result;
            FinishedAt = at;
            State = DossierState.Processed;
        }

        Handoffs.Add(new DossierHandoff
        {
            Kind = kind,
            At = at,
            FromStep = CurrentStep,
            FromUserId = byUserId,
            FromName = byName,
            ToStep = toStep,
            ToUserId = assignee,
            Timeliness = timeliness,
            Note = note,
        });
        if (kind == HandoffKind.TransferAccepted)
        {
            TransferAccepted = true;
        }
        else
        {
            // Any other hand-off leaves the other agency's step (or sends the dossier to one).
            TransferUnitPath = kind == HandoffKind.Transfer ? toOffice ?? throw new ArgumentNullException(nameof(toOffice)) : null;
            TransferSentAt = kind == HandoffKind.Transfer ? at : null;
            TransferAccepted = false;
        }

        CurrentStep = toStep;
        AssigneeId = assignee;
        StepStartedAt = toStep is null ? null : at;
        StepDueAt = toStep is null ? null : toStepDueAt;
        StepOfficePath = toStep is null ? null : toOffice;
        Version++;
        return null;
    }

    private RuleBroken? NoPendingTransfer() => TransferPending ? new RuleBroken("transfer-pending", "Workflow.TransferPending") : null;

    /// <summary>Assigns (or reassigns) the current step to an officer of its office; a row of the process control slip.</summary>
    public RuleBroken? Assign(Guid assignee, DateTime at, Guid? byUserId, string byName)
    {
        if (State != DossierState.Processing || CurrentStep is null)
        {
            return RuleBroken.IllegalTransition(State);
        }

        Handoffs.Add(new DossierHandoff
        {
            Kind = AssigneeId is null ? HandoffKind.Assign : HandoffKind.Reassign,
            At = at,
            FromStep = CurrentStep,
            FromUserId = byUserId,
            FromName = byName,
            ToStep = CurrentStep,
            ToUserId = assignee,
        });
        AssigneeId = assignee;
        Version++;
        return null;
    }
}

internal sealed class DossierStepsConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> builder)
    {
        // "Assigned to me" asks for one assignee: a dossier nobody holds yet (every new one) is left out of the index.
        builder.HasIndex(d => new { d.AssigneeId, d.DueAt }).HasFilter("\"AssigneeId\" IS NOT NULL");
        builder.Property(d => d.TransferUnitPath).HasMaxLength(400);
        builder.Property(d => d.StepOfficePath).HasMaxLength(400);
        builder.Ignore(d => d.TransferPending);
        builder.OwnsMany(d => d.Handoffs, h =>
        {
            h.ToTable("DossierHandoffs");
            h.HasKey(x => x.Id);
            h.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            h.Property(x => x.FromName).HasMaxLength(200);
            h.Property(x => x.Timeliness).HasConversion<string>().HasMaxLength(10);
            h.Property(x => x.Note).HasMaxLength(2000);
        });
    }
}
