namespace MotCua.Web.Reporting.Outputs;

/// <summary>
/// A module that measures some Decision 766 inputs (ratings, feedback, payments, signatures, portal sync) for a unit
/// with its subtree and a period. Each module registers its own source; the scorer asks them all, and an input that no
/// source measures scores 0 with "no data", said so on the page.
/// </summary>
internal interface IDecision766Source
{
    Task<IReadOnlyDictionary<Decision766Input, Ratio>> MeasureAsync(ReportQuery query, CancellationToken cancellationToken);
}
