namespace MotCua.Web.Dossiers;

/// <summary>
/// A rule of the dossier refused a change. <paramref name="Code"/> is the stable machine code (the ProblemDetails
/// <c>type</c>); <paramref name="TitleKey"/> names the Vietnamese title in SharedResource.resx, and an enum among its
/// <paramref name="TitleArguments"/> is shown by its localised name (key <c>Type.Value</c>).
/// </summary>
internal sealed record RuleBroken(string Code, string TitleKey, params object[] TitleArguments)
{
    /// <summary>An action the current state does not allow; the title names the state.</summary>
    public static RuleBroken IllegalTransition(DossierState state) => new("illegal-transition", "Problem.IllegalTransition", state);
}

internal static class RuleBrokenExtensions
{
    /// <summary>For a change that no rule can refuse where it is made (a dossier just built): a refusal there is a bug.</summary>
    public static void ThrowIfBroken(this RuleBroken? broken)
    {
        if (broken is not null)
        {
            throw new InvalidOperationException($"Rule broken where none can be: {broken.Code}.");
        }
    }
}
