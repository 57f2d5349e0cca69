using MotCua.Web.Identity;

namespace MotCua.Web.Units;

/// <summary>The reorganisation asked for: from a date, a default successor and overrides by domain or by procedure.</summary>
internal sealed record ReorganisationRequest(DateOnly? EffectiveDate, string? DefaultSuccessorCode, IReadOnlyList<ReorganisationRequest.Rule>? Rules,
    string? PreviewToken = null)
{
    /// <summary>One override: exactly one of <see cref="DomainCode"/> and <see cref="ProcedureCode"/>.</summary>
    public sealed record Rule(string? DomainCode, string? ProcedureCode, string? SuccessorCode);
}

/// <summary>
/// What a reorganisation does, item by item; preview shows it and apply does exactly it. <see cref="Token"/> fingerprints
/// the request and every row it touches (with their versions): an apply whose token no longer matches is refused.
/// </summary>
internal sealed record ReorganisationPlan(
    string UnitCode,
    string UnitName,
    DateOnly EffectiveDate,
    string DefaultSuccessorCode,
    IReadOnlyList<ReorganisationPlan.RuleRow> Rules,
    IReadOnlyList<string> ClosedUnits,
    IReadOnlyList<ReorganisationPlan.DossierMove> Dossiers,
    IReadOnlyList<ReorganisationPlan.RoleMove> Roles,
    IReadOnlyList<ReorganisationPlan.ProcedureMove> Providers,
    IReadOnlyList<ReorganisationPlan.ProcedureMove> Processes,
    ReorganisationPlan.Totals Counts,
    string Token)
{
    public sealed record RuleRow(string? DomainCode, string? ProcedureCode, string SuccessorCode);

    /// <summary>An open dossier and the units it moves to; its due dates stay as they are.</summary>
    public sealed record DossierMove(string Code, string ProcedureCode, string? DomainCode, string FromHandling, string ToHandling, string FromReceiving,
        string ToReceiving, DateTime? DueAt);

    /// <summary>A staff role moved to the default successor; <see cref="AlreadyHeld"/>: the officer holds it there already.</summary>
    public sealed record RoleMove(string UserName, string FullName, StaffRole Role, string From, string To, bool AlreadyHeld);

    /// <summary>A procedure provider or internal process carried on by a successor; <see cref="AlreadyThere"/>: it has its own.</summary>
    public sealed record ProcedureMove(string ProcedureCode, string? DomainCode, string From, string To, bool AlreadyThere);

    public sealed record Totals(int Dossiers, int Roles, int Providers, int Processes);
}
