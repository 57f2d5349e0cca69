using MotCua.Web.Catalog;
using MotCua.Web.Units;

namespace MotCua.Web.Reporting;

/// <summary>How the rows of a period report are grouped.</summary>
internal enum ReportRows
{
    Unit,
    Domain,
    Procedure,
}

/// <summary>
/// One selection of a period report (DESIGN.md §4.8): the Vietnamese dates [From, To] inclusive, a unit with or
/// without its subtree (merged units count under their successors), and optional domain, procedure, channel and level.
/// </summary>
internal sealed record ReportQuery(
    DateOnly From,
    DateOnly To,
    string UnitCode,
    bool IncludeSubunits = true,
    string? DomainCode = null,
    string? ProcedureCode = null,
    Channel? Channel = null,
    UnitLevel? Level = null);
