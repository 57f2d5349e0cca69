using MotCua.Web.Dossiers;

namespace MotCua.Web.Workflow;

/// <summary>
/// Settings of processing. The catalog does not hold a procedure's supplement rule yet, so the procedures whose
/// clock resumes (rather than restarts, the common rule) are listed here by code.
/// </summary>
internal sealed class WorkflowOptions
{
    public const string Section = "Workflow";

    public List<string> PauseOnSupplement { get; init; } = [];

    public SupplementRule RuleFor(string procedureCode) =>
        PauseOnSupplement.Contains(procedureCode, StringComparer.Ordinal) ? SupplementRule.Pause : SupplementRule.Restart;
}
