using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;

namespace MotCua.Web.Reporting;

/// <summary>A change to one measure on one Vietnamese date.</summary>
internal readonly record struct FactDelta(DateOnly Day, FactMeasure Measure, int Delta);

/// <summary>
/// Where a dossier stands for reporting after some milestones: the pure function that turns a timeline into fact
/// changes (DESIGN.md §4.8). The live hook, the historical import, the drill-down and the tests all use it, so the
/// aggregated figures and the dossier lists behind them cannot disagree. Definitions, by Vietnamese dates, period
/// [from, to] inclusive: received = given a code on a day of the period (refused or guided at intake is not received);
/// carried over = received before <c>from</c> and still open at its start; resolved = decided on a day of the period,
/// a refusal decision during processing included (the decision was given), early/on time/late by date against the
/// legal due date (an apology does not move it, a supplement does); in progress = open at the end of <c>to</c>, overdue
/// when the legal due date is before <c>to</c> (a dossier whose clock is stopped for a financial obligation is within),
/// awaiting a supplement while the clock is stopped for one; refused,
/// withdrawn, stopped = ended so on a day of the period. So carried over + received = resolved + withdrawn + stopped
/// + in progress (within, overdue) + awaiting a supplement.
/// </summary>
internal sealed record TimelineState(bool Received, bool Open, bool Awaiting, DateOnly? DueDay, bool HasResult, DateOnly? DecidedDay, bool Paused = false)
{
    public static readonly TimelineState None = new(false, false, false, null, false, null);

    /// <summary>Applies one milestone of a dossier received on <paramref name="channel"/>; adds its fact changes to <paramref name="deltas"/>.</summary>
    public TimelineState Step(DossierMilestone milestone, Channel channel, List<FactDelta> deltas)
    {
        var day = milestone.Day;
        switch (milestone.Kind)
        {
            case MilestoneKind.Received when !Received:
                deltas.Add(new(day, channel switch
                {
                    Channel.Counter => FactMeasure.ReceivedCounter,
                    Channel.Online => FactMeasure.ReceivedOnline,
                    Channel.Postal => FactMeasure.ReceivedPostal,
                }, 1));
                if (milestone.Digitised)
                {
                    deltas.Add(new(day, FactMeasure.Digitised, 1));
                }

                Enter(day, milestone.DueDay!.Value, deltas);
                return this with { Received = true, Open = true, DueDay = milestone.DueDay };
            case MilestoneKind.SupplementRequested when Open && !Awaiting:
                Leave(day, deltas);
                deltas.Add(new(day, FactMeasure.Awaiting, 1));
                return this with { Awaiting = true };
            case MilestoneKind.SupplementReceived when Open && Awaiting:
                deltas.Add(new(day, FactMeasure.Awaiting, -1));
                Enter(day, milestone.DueDay!.Value, deltas);
                return this with { Awaiting = false, DueDay = milestone.DueDay };
            case MilestoneKind.PaymentRequested when Open && !Awaiting && !Paused:
                // The clock stops while the applicant pays: within the deadline until then, never overdue meanwhile.
                Leave(day, deltas);
                deltas.Add(new(day, FactMeasure.Within, 1));
                return this with { Paused = true };
            case MilestoneKind.PaymentReceived when Open && Paused:
                deltas.Add(new(day, FactMeasure.Within, -1));
                Enter(day, milestone.DueDay!.Value, deltas);
                return this with { Paused = false, DueDay = milestone.DueDay };
            case MilestoneKind.ResultAttached:
                // Counted with the decision when the result is in the system by the end of the decision day.
                if (!HasResult && DecidedDay == day)
                {
                    deltas.Add(new(day, FactMeasure.ResultsAttached, 1));
                }

                return this with { HasResult = true };
            case MilestoneKind.Decided when Open:
                Close(day, deltas);
                deltas.Add(new(day, milestone.Timeliness switch
                {
                    Timeliness.Early => FactMeasure.ResolvedEarly,
                    Timeliness.OnTime => FactMeasure.ResolvedOnTime,
                    _ => FactMeasure.ResolvedLate,
                }, 1));
                if (HasResult)
                {
                    deltas.Add(new(day, FactMeasure.ResultsAttached, 1));
                }

                return this with { Open = false, Awaiting = false, Paused = false, DecidedDay = day };
            case MilestoneKind.Withdrawn or MilestoneKind.Stopped when Open:
                Close(day, deltas);
                deltas.Add(new(day, milestone.Kind == MilestoneKind.Withdrawn ? FactMeasure.Withdrawn : FactMeasure.Stopped, 1));
                return this with { Open = false, Awaiting = false, Paused = false };
            case MilestoneKind.Refused when !Received:
                deltas.Add(new(day, FactMeasure.Refused, 1));
                return this;
            default:
                return this;
        }
    }

    /// <summary>All fact changes of a whole timeline (ordered by day, then as recorded).</summary>
    public static List<FactDelta> Deltas(IEnumerable<DossierMilestone> timeline, Channel channel)
    {
        var deltas = new List<FactDelta>();
        var state = None;
        foreach (var milestone in timeline)
        {
            state = state.Step(milestone, channel, deltas);
        }

        return deltas;
    }

    // Open from `day` with the legal due date `due`: overdue from the day after the due date (§4.8: within when due ≥ the date).
    private static void Enter(DateOnly day, DateOnly due, List<FactDelta> deltas)
    {
        if (due < day)
        {
            deltas.Add(new(day, FactMeasure.Overdue, 1));
            return;
        }

        deltas.Add(new(day, FactMeasure.Within, 1));
        deltas.Add(new(due.AddDays(1), FactMeasure.Within, -1));
        deltas.Add(new(due.AddDays(1), FactMeasure.Overdue, 1));
    }

    // The reverse of Enter from `day` on: cancels the move to overdue that has not happened yet.
    private void Leave(DateOnly day, List<FactDelta> deltas)
    {
        var due = DueDay!.Value;
        if (due < day)
        {
            deltas.Add(new(day, FactMeasure.Overdue, -1));
            return;
        }

        deltas.Add(new(day, FactMeasure.Within, -1));
        deltas.Add(new(due.AddDays(1), FactMeasure.Within, 1));
        deltas.Add(new(due.AddDays(1), FactMeasure.Overdue, -1));
    }

    private void Close(DateOnly day, List<FactDelta> deltas)
    {
        if (Awaiting)
        {
            deltas.Add(new(day, FactMeasure.Awaiting, -1));
        }
        else if (Paused)
        {
            deltas.Add(new(day, FactMeasure.Within, -1));
        }
        else
        {
            Leave(day, deltas);
        }
    }
}

/// <summary>
/// The reporting-relevant part of a dossier at one moment: compared before and after a change to find its milestones.
/// <see cref="ClockStopped"/>: a suspension was open (a supplement, or a financial obligation the procedure excludes).
/// </summary>
internal sealed record DossierSnapshot(DossierState? State, DateTime? OriginalDueAt, DateTime? FinishedAt, int ResultFiles, bool ClockStopped)
{
    public static readonly DossierSnapshot New = new(null, null, null, 0, false);

    public static DossierSnapshot Of(Dossier dossier) =>
        new(dossier.State, dossier.OriginalDueAt, dossier.FinishedAt, dossier.Files.Count(f => f.Kind == DossierFileKind.Result), dossier.OpenSuspension is not null);

    /// <summary>Received (given a code) and not refused or guided at intake.</summary>
    public static bool IsReceived(DossierState? state) => state is DossierState.Received or DossierState.Processing or DossierState.AwaitingSupplement
        or DossierState.AwaitingPayment or DossierState.Withdrawn or DossierState.Stopped or DossierState.Processed or DossierState.Returned;

    /// <summary>The reporting state this snapshot stands for (the state the dossier's timeline has led to).</summary>
    public TimelineState Timeline(DateOnly? decidedDay) => new(
        IsReceived(State),
        IsReceived(State) && Dossier.IsUndecided(State!.Value),
        State == DossierState.AwaitingSupplement,
        OriginalDueAt is { } due ? DossierTime.VietnamDate(due) : null,
        ResultFiles > 0,
        decidedDay,
        State == DossierState.AwaitingPayment && ClockStopped);

    /// <summary>
    /// The milestones between this snapshot and <paramref name="after"/>. Each counts on the Vietnamese date it
    /// happened, but never before <paramref name="notBefore"/> (the day it is recorded: a live change cannot rewrite the past).
    /// </summary>
    public IEnumerable<DossierMilestone> MilestonesTo(Dossier after, IEnumerable<DossierFile> newResults, DateOnly notBefore)
    {
        DossierMilestone Make(MilestoneKind kind, DateTime at, DateOnly? due = null, Timeliness? timeliness = null, bool digitised = false)
        {
            var day = DossierTime.VietnamDate(at);
            return new DossierMilestone
            {
                DossierId = after.Id,
                Kind = kind,
                At = at,
                Day = day < notBefore ? notBefore : day,
                DueDay = due,
                Timeliness = timeliness,
                Digitised = digitised,
            };
        }

        if (!IsReceived(State) && IsReceived(after.State))
        {
            // Digitised (§4.8): the components reached the system as electronic files, submitted online or scanned at the counter.
            var digitised = after.Channel == Channel.Online || after.Files.Any(f => f.Kind == DossierFileKind.Submission);
            yield return Make(MilestoneKind.Received, after.ReceivedAt!.Value, DossierTime.VietnamDate(after.OriginalDueAt!.Value), digitised: digitised);
        }

        if (State != DossierState.Refused && after.State == DossierState.Refused)
        {
            yield return Make(MilestoneKind.Refused, after.ClosedAt!.Value);
        }

        foreach (var file in newResults.OrderBy(f => f.UploadedAt))
        {
            yield return Make(MilestoneKind.ResultAttached, file.UploadedAt);
        }

        if (State != DossierState.AwaitingSupplement && after.State == DossierState.AwaitingSupplement)
        {
            yield return Make(MilestoneKind.SupplementRequested, after.OpenSuspension!.From);
        }

        if (State == DossierState.AwaitingSupplement && after.State is DossierState.Received or DossierState.Processing or DossierState.AwaitingPayment)
        {
            var resumed = after.Suspensions.Where(s => s.To is not null).Max(s => s.To!.Value);
            yield return Make(MilestoneKind.SupplementReceived, resumed, DossierTime.VietnamDate(after.OriginalDueAt!.Value));
        }

        if (State != DossierState.AwaitingPayment && after.State == DossierState.AwaitingPayment && after.OpenSuspension is { } stopped)
        {
            yield return Make(MilestoneKind.PaymentRequested, stopped.From);
        }

        if (State == DossierState.AwaitingPayment && ClockStopped && after.State == DossierState.Processing)
        {
            yield return Make(MilestoneKind.PaymentReceived, after.PaidAt!.Value, DossierTime.VietnamDate(after.OriginalDueAt!.Value));
        }

        var wasOpen = IsReceived(State) && Dossier.IsUndecided(State!.Value);
        var isOpen = IsReceived(after.State) && Dossier.IsUndecided(after.State);
        if ((wasOpen || !IsReceived(State)) && !isOpen && IsReceived(after.State))
        {
            yield return after.State switch
            {
                DossierState.Withdrawn => Make(MilestoneKind.Withdrawn, after.ClosedAt!.Value),
                DossierState.Stopped => Make(MilestoneKind.Stopped, after.ClosedAt!.Value),
                _ => Make(MilestoneKind.Decided, after.FinishedAt!.Value, timeliness: after.Timeliness),
            };
        }

        if (State != DossierState.Returned && after.State == DossierState.Returned)
        {
            yield return Make(MilestoneKind.Returned, after.ReturnedAt!.Value);
        }
    }
}
