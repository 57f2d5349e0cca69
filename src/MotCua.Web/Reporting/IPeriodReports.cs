using MotCua.Web.Identity;

namespace MotCua.Web.Reporting;

/// <summary>One row of a period report: a unit, a domain or a procedure, with its figures.</summary>
internal sealed record ReportRow(string Key, string Name, ReportFigures Figures);

/// <summary>A period report: the totals of the selection and its rows.</summary>
internal sealed record PeriodReport(ReportQuery Query, string UnitName, ReportFigures Totals, ReportRows RowsBy, IReadOnlyList<ReportRow> Rows);

/// <summary>A dossier behind a figure (no personal data beyond what staff of the unit may see).</summary>
internal sealed record ReportDossier(
    string Code,
    string ProcedureCode,
    string ProcedureName,
    string UnitName,
    string Channel,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? FinishedAt,
    string State);

/// <summary>
/// The Reporting module's surface for other modules (exports, dashboards, public disclosure, Decision 766):
/// exact, reproducible period figures and the dossiers behind each of them.
/// </summary>
internal interface IPeriodReports
{
    /// <summary>Refuses (403 ProblemDetails) a selection the actor may not see; a commune sees only itself, a supervisor its subtree.</summary>
    Task AuthorizeAsync(CurrentActor actor, ReportQuery query, CancellationToken cancellationToken);

    Task<PeriodReport> RunAsync(ReportQuery query, ReportRows rowsBy, CancellationToken cancellationToken);

    /// <summary>The dossiers behind one figure (of the totals, or of one row when <paramref name="rowKey"/> is given); their count equals the figure.</summary>
    Task<IReadOnlyList<ReportDossier>> DrillDownAsync(ReportQuery query, ReportFigure figure, ReportRows rowsBy, string? rowKey, CancellationToken cancellationToken);
}
