namespace MotCua.Web;

/// <summary>Marker for the texts of the reporting outputs (exports, ledger, dashboards, disclosure, Decision 766) in
/// Resources/ReportingOutputsResource(.en).resx.</summary>
internal sealed class ReportingOutputsResource;
