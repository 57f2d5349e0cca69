namespace MotCua.Web.Dossiers;

/// <summary>A unit's place, as a dossier records it.</summary>
internal sealed record UnitPlace(int Id, string Path);

internal sealed partial class Dossier
{
    /// <summary>States after which nothing is handed over: the dossier is not received, or it is over.</summary>
    public static readonly IReadOnlyList<DossierState> Ended =
        [DossierState.Guided, DossierState.Refused, DossierState.Withdrawn, DossierState.Stopped, DossierState.Returned];

    /// <summary>
    /// The unit that received or handles this open dossier was abolished: its successors take it over. The dossier stays at
    /// its step and keeps its due dates (a reorganisation is not the citizen's delay); an officer who does not follow the
    /// dossier to its new unit no longer holds it, so it waits in that unit's queue.
    /// </summary>
    public RuleBroken? HandOver(UnitPlace receiving, UnitPlace handling, bool keepAssignee)
    {
        if (Ended.Contains(State))
        {
            return RuleBroken.IllegalTransition(State);
        }

        // The step was done by the old unit or one of its offices, which close with it: the successor itself takes the step.
        if (StepOfficePath is { } office && office.StartsWith(HandlingUnitPath, StringComparison.Ordinal))
        {
            StepOfficePath = handling.Path;
        }

        ReceivingUnitId = receiving.Id;
        ReceivingUnitPath = receiving.Path;
        HandlingUnitId = handling.Id;
        HandlingUnitPath = handling.Path;
        if (!keepAssignee)
        {
            AssigneeId = null;
        }

        Version++;
        return null;
    }
}
