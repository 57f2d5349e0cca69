namespace MotCua.Web.Dossiers;

/// <summary>Charges and payments change the dossier's version, so that each is a step of its history and two desks
/// collecting at once end with one winner.</summary>
internal sealed partial class Dossier
{
    /// <summary>Charges may be put on and paid while the dossier is open, up to the return of its result (fees are often paid then).</summary>
    private RuleBroken? RequireOpenForCharges() =>
        Require(DossierState.Received, DossierState.Processing, DossierState.AwaitingSupplement, DossierState.AwaitingPayment, DossierState.Processed);

    public RuleBroken? RecordCharges()
    {
        if (RequireOpenForCharges() is { } broken)
        {
            return broken;
        }

        Version++;
        return null;
    }

    /// <summary>A payment that does not end a financial-obligation wait (a fee at intake or at the return, or part of what is owed).</summary>
    public RuleBroken? RecordPayment() => RecordCharges();
}
