using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Calendar;

namespace MotCua.Web.Dossiers;

/// <summary>How a procedure's clock behaves while the applicant supplements the dossier (DESIGN.md §4.5).</summary>
internal enum SupplementRule
{
    /// <summary>"Thời hạn giải quyết được tính lại từ đầu": the full processing time counts again from the arrival of the supplement.</summary>
    Restart,

    /// <summary>The time left when the clock stopped counts on from the arrival of the supplement.</summary>
    Pause,
}

/// <summary>How the result reaches the applicant (HinhThuc of the national portal, plus the electronic copy).</summary>
internal enum ReturnMethod
{
    Counter,
    Post,
    Online,
}

/// <summary>What processing decided: the result the citizen asked for, or a written refusal with reasons.</summary>
internal enum DossierOutcome
{
    Result,
    Refusal,
}

/// <summary>An interval in which the clock did not run (a supplement, or another legally excluded wait).</summary>
internal sealed class DossierSuspension
{
    public int Id { get; private set; }
    public DateTime From { get; init; }
    public DateTime? To { get; set; }
    public required string Reason { get; init; }
    public SupplementRule Rule { get; init; }

    /// <summary>True for the applicant's wait to pay (national state 6); false for a supplement asked with form 02.</summary>
    public bool ForPayment { get; init; }
}

/// <summary>
/// Processing after receipt (issue 6): the states of §4.6 from Received to Returned, and the deadline
/// bookkeeping of §4.5. The calendar maths happens in the Workflow module; these methods only accept
/// its results and return the rule an illegal change breaks (null: done).
/// </summary>
internal sealed partial class Dossier
{
    /// <summary>When the decision was made (a result or a refusal): the moment timeliness is judged on.</summary>
    public DateTime? FinishedAt { get; private set; }

    public DossierOutcome? Outcome { get; private set; }

    public DateTime? ReturnedAt { get; private set; }

    /// <summary>How the result was returned; null for a dossier imported from a previous system, which did not say.</summary>
    public ReturnMethod? ReturnedBy { get; private set; }

    /// <summary>How the applicant asked at intake to get the result: by post, or at the counter.</summary>
    public ReturnMethod AskedReturnMethod => ReturnByPost ? ReturnMethod.Post : ReturnMethod.Counter;

    /// <summary>When the apology with a new appointment (form 04) was issued; at most once.</summary>
    public DateTime? ExtendedAt { get; private set; }

    public string? ExtensionReason { get; private set; }

    public List<DossierSuspension> Suspensions { get; } = [];

    /// <summary>States in which no decision has been issued yet: the citizen may still stop or withdraw.</summary>
    public static bool IsUndecided(DossierState state) => state switch
    {
        DossierState.Received or DossierState.Processing or DossierState.AwaitingSupplement or DossierState.AwaitingPayment => true,
        DossierState.Submitted or DossierState.Guided or DossierState.Refused or DossierState.AwaitingCompletion or DossierState.Withdrawn
            or DossierState.Stopped or DossierState.Processed or DossierState.Returned => false,
    };

    /// <summary>The desk hands the dossier to the first step of the internal process.</summary>
    public RuleBroken? StartProcessing()
    {
        if (Require(DossierState.Received) is { } broken)
        {
            return broken;
        }

        State = DossierState.Processing;
        Version++;
        return null;
    }

    /// <summary>Form 02 during processing: the clock stops until the applicant brings what is missing.</summary>
    public RuleBroken? RequestSupplement(string reason, DateTime at, SupplementRule rule)
    {
        if (Require(DossierState.Received, DossierState.Processing) is { } broken)
        {
            return broken;
        }

        if (ExtendedAt is not null)
        {
            return new RuleBroken("already-extended", "Workflow.SupplementAfterExtension");
        }

        // A suspension cannot cure lateness that has already occurred.
        if (at >= OriginalDueAt)
        {
            return new RuleBroken("deadline-passed", "Workflow.SupplementAfterDue");
        }

        Suspensions.Add(new DossierSuspension { From = at, Reason = reason, Rule = rule });
        Reason = reason;
        State = DossierState.AwaitingSupplement;
        Version++;
        return null;
    }

    /// <summary>The latest supplement asked during processing (form 02), answered or not.</summary>
    public DossierSuspension? LastSupplement => Suspensions.Where(s => !s.ForPayment).MaxBy(s => s.From);

    /// <summary>The open suspension (the one waiting for a supplement), if any.</summary>
    public DossierSuspension? OpenSuspension => Suspensions.FirstOrDefault(s => s.To is null);

    /// <summary>The supplement arrived at <paramref name="at"/>; <paramref name="newDueAt"/> is the due date the rule gives.</summary>
    public RuleBroken? ResumeAfterSupplement(DateTime at, DateTime newDueAt)
    {
        if (Require(DossierState.AwaitingSupplement) is { } broken)
        {
            return broken;
        }

        var open = OpenSuspension!;
        if (at < open.From || newDueAt <= at)
        {
            return new RuleBroken("bad-time", "Workflow.BadTime");
        }

        open.To = at;

        // The legal due moves with the suspension; it is not an extension.
        DueAt = newDueAt;
        OriginalDueAt = newDueAt;
        State = DossierState.Processing;
        Version++;
        return null;
    }

    /// <summary>
    /// Form 04 (apology and new appointment): issued no later than <paramref name="lastIssueDate"/> (one working day
    /// before the due date), at most once. The original due date is kept and lateness is judged on it. The current step's
    /// deadline moves to <paramref name="newStepDueAt"/>, so that the step's holder, not only the desk, works to the new date.
    /// </summary>
    public RuleBroken? Extend(DateTime newDueAt, string reason, DateTime at, DateOnly lastIssueDate, DateTime? newStepDueAt = null)
    {
        if (Require(DossierState.Received, DossierState.Processing) is { } broken)
        {
            return broken;
        }

        if (ExtendedAt is not null)
        {
            return new RuleBroken("already-extended", "Workflow.AlreadyExtended");
        }

        if (DossierTime.VietnamDate(at) > lastIssueDate)
        {
            return new RuleBroken("extension-too-late", "Workflow.ExtensionTooLate");
        }

        if (newDueAt <= DueAt)
        {
            return new RuleBroken("bad-time", "Workflow.NewDueNotLater");
        }

        ExtendedAt = at;
        ExtensionReason = reason;
        DueAt = newDueAt;
        if (StepDueAt is not null && newStepDueAt is { } stepDue)
        {
            StepDueAt = stepDue;
        }

        Version++;
        return null;
    }

    /// <summary>The competent office decided: the result is attached (state 9, "đã xử lý xong").</summary>
    public RuleBroken? Finish(DateTime at)
    {
        if (Require(DossierState.Processing) is { } broken)
        {
            return broken;
        }

        Decide(DossierOutcome.Result, at);
        return null;
    }

    /// <summary>Refusal during processing, with reasons: the refusal letter is the decision, returned like a result.</summary>
    public RuleBroken? Decline(string reason, DateTime at)
    {
        if (Require(DossierState.Received, DossierState.Processing, DossierState.AwaitingSupplement, DossierState.AwaitingPayment) is { } broken)
        {
            return broken;
        }

        CloseSuspension(at);
        Reason = reason;
        Decide(DossierOutcome.Refusal, at);
        return null;
    }

    /// <summary>The desk handed the result (or the refusal) to the applicant: state 10.</summary>
    public RuleBroken? ReturnResult(DateTime at, ReturnMethod? method)
    {
        if (Require(DossierState.Processed) is { } broken)
        {
            return broken;
        }

        ReturnedAt = at;
        ReturnedBy = method;
        ClosedAt = at;
        State = DossierState.Returned;
        Version++;
        return null;
    }

    /// <summary>Stop at the citizen's request while no decision is issued (Circular 03/2025, form 05): state 8.</summary>
    public RuleBroken? Stop(string reason, DateTime at) => End(DossierState.Stopped, reason, at);

    /// <summary>The citizen withdraws the received dossier: state 7.</summary>
    public RuleBroken? Withdraw(string reason, DateTime at) => End(DossierState.Withdrawn, reason, at);

    /// <summary>Early, on time or late by Vietnamese date against the original due date; null while undecided.</summary>
    public Timeliness? Timeliness => FinishedAt is { } finished && OriginalDueAt is { } due
        ? UnitCalendar.Judge(VietnamTime.FromUtc(finished), VietnamTime.FromUtc(due))
        : null;

    private void Decide(DossierOutcome outcome, DateTime at)
    {
        Outcome = outcome;
        FinishedAt = at;
        State = DossierState.Processed;
        Version++;
    }

    private RuleBroken? End(DossierState state, string reason, DateTime at)
    {
        if (!IsUndecided(State))
        {
            return RuleBroken.IllegalTransition(State);
        }

        CloseSuspension(at);
        Reason = reason;
        ClosedAt = at;
        State = state;
        Version++;
        return null;
    }

    private void CloseSuspension(DateTime at)
    {
        if (OpenSuspension is { } open)
        {
            open.To = at;
        }
    }
}

internal sealed class DossierProcessingConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> builder)
    {
        builder.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.ExtensionReason).HasMaxLength(2000);
        builder.Property(d => d.ReturnedBy).HasConversion<string>().HasMaxLength(10);
        builder.Ignore(d => d.OpenSuspension);
        builder.Ignore(d => d.LastSupplement);
        builder.Ignore(d => d.Timeliness);
        builder.Ignore(d => d.AskedReturnMethod);
        builder.Ignore(d => d.HasResult);
        builder.OwnsMany(d => d.Suspensions, s =>
        {
            s.ToTable("DossierSuspensions");
            s.HasKey(x => x.Id);
            s.Property(x => x.Reason).HasMaxLength(2000);
            s.Property(x => x.Rule).HasConversion<string>().HasMaxLength(10);
        });
    }
}
