namespace MotCua.Web.Dossiers;

/// <summary>Internal dossier states. Each maps to one of the national portal's codes 1–10 (DESIGN.md §4.6).</summary>
internal enum DossierState
{
    /// <summary>Submitted online, waiting for the desk to check it.</summary>
    Submitted,

    /// <summary>Not received: the desk gave written guidance to complete it (form 02).</summary>
    Guided,

    /// <summary>Not received: refused at intake (form 03).</summary>
    Refused,

    /// <summary>An online submission the desk sent back for completion before receiving it.</summary>
    AwaitingCompletion,

    Received,
    Processing,
    AwaitingSupplement,
    AwaitingPayment,
    Withdrawn,
    Stopped,
    Processed,
    Returned,
}

internal static class DossierStates
{
    /// <summary>The national portal's TrangThaiHoSo (DongBoHoSoMC).</summary>
    public static int NationalCode(this DossierState state) => state switch
    {
        DossierState.Submitted => 1,
        DossierState.Received => 2,
        DossierState.Guided or DossierState.Refused => 3,
        DossierState.Processing => 4,
        DossierState.AwaitingSupplement or DossierState.AwaitingCompletion => 5,
        DossierState.AwaitingPayment => 6,
        DossierState.Withdrawn => 7,
        DossierState.Stopped => 8,
        DossierState.Processed => 9,
        DossierState.Returned => 10,
    };
}
