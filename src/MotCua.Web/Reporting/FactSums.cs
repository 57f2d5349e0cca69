using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Reporting;

/// <summary>Period values of the measures for one group: flows summed over [from, to], stocks at the end of <c>to</c>.</summary>
internal sealed class FactSum : MeasureCounts<long>
{
    public int UnitId { get; init; }
    public string DomainCode { get; init; } = "";
    public string ProcedureCode { get; init; } = "";

    /// <summary>Open at the end of the day before <c>from</c>.</summary>
    public long CarriedOver { get; set; }

    /// <summary>Adds one fact change, as the SQL of <see cref="FactSums"/> does: flows inside the period, stocks up to its end.</summary>
    public void Add(FactDelta delta, DateOnly from, DateOnly to)
    {
        if (delta.Day > to)
        {
            return;
        }

        var before = delta.Day < from;
        if (delta.Measure is FactMeasure.Within or FactMeasure.Overdue or FactMeasure.Awaiting)
        {
            CarriedOver += before ? delta.Delta : 0;
            Add(delta.Measure, delta.Delta);
        }
        else if (!before)
        {
            Add(delta.Measure, delta.Delta);
        }
    }

    public ReportFigures ToFigures() => Figures([this]);

    public static ReportFigures Figures(IEnumerable<FactSum> sums)
    {
        var list = sums.ToList();
        int Sum(Func<FactSum, long> value) => checked((int)list.Sum(value));
        return new ReportFigures(
            CarriedOver: Sum(s => s.CarriedOver),
            ReceivedNew: Sum(s => s.ReceivedCounter + s.ReceivedOnline + s.ReceivedPostal),
            ReceivedOnline: Sum(s => s.ReceivedOnline),
            ReceivedCounter: Sum(s => s.ReceivedCounter),
            ReceivedPostal: Sum(s => s.ReceivedPostal),
            ResolvedEarly: Sum(s => s.ResolvedEarly),
            ResolvedOnTime: Sum(s => s.ResolvedOnTime),
            ResolvedLate: Sum(s => s.ResolvedLate),
            InProgressWithinDeadline: Sum(s => s.Within),
            InProgressOverdue: Sum(s => s.Overdue),
            Refused: Sum(s => s.Refused),
            Withdrawn: Sum(s => s.Withdrawn),
            Stopped: Sum(s => s.Stopped),
            AwaitingSupplement: Sum(s => s.Awaiting),
            ResultsAttached: Sum(s => s.ResultsAttached),
            Digitised: Sum(s => s.Digitised));
    }
}

/// <summary>What a sum is grouped by, besides nothing (the totals).</summary>
[Flags]
internal enum FactGroups
{
    None = 0,
    Unit = 1,
    Domain = 2,
    Procedure = 4,
}

/// <summary>
/// Sums the maintained facts for a period without scanning dossiers. A value up to day D is the sum of whole years,
/// then whole months, then days (folded facts), plus the changes not folded yet; flows over [from, to] are the value
/// up to <c>to</c> minus the value up to the day before <c>from</c>, computed in one statement so it reads one snapshot.
/// </summary>
internal static class FactSums
{
    public static async Task<List<FactSum>> SumAsync(MotCuaDbContext db, IReadOnlyCollection<int> unitIds, ReportQuery query, FactGroups groups,
        CancellationToken cancellationToken)
    {
        if (unitIds.Count == 0)
        {
            return [];
        }

        var before = query.From.AddDays(-1);
        var parameters = new List<object> { query.To, before };
        var filter = new StringBuilder(" AND \"UnitId\" IN (").AppendJoin(',', unitIds.Select(id => id.ToString(CultureInfo.InvariantCulture))).Append(')');
        void Filter(string column, object? value)
        {
            if (value is not null)
            {
                filter.Append(CultureInfo.InvariantCulture, $" AND \"{column}\" = {Placeholder(parameters.Count)}");
                parameters.Add(value);
            }
        }

        Filter("DomainCode", query.DomainCode);
        Filter("ProcedureCode", query.ProcedureCode);
        Filter("Channel", query.Channel?.ToString());
        var measures = string.Join(", ", FactCounts.Columns.Select(c => $"\"{c}\""));

        // Each grain's rows up to `to` (t) and up to the day before `from` (f) are ranges of PeriodStart; rows in both are read once.
        var parts = new List<string>();
        foreach (var (grain, upTo, upToBefore) in new[]
        {
            (FactGrain.Year, (DateOnly.MinValue, YearCut(query.To)), (DateOnly.MinValue, YearCut(before))),
            (FactGrain.Month, (YearCut(query.To), MonthCut(query.To)), (YearCut(before), MonthCut(before))),
            (FactGrain.Day, (MonthCut(query.To), query.To.AddDays(1)), (MonthCut(before), query.From)),
        })
        {
            foreach (var (from, until, t, f) in Segments(upTo, upToBefore))
            {
                var (lower, upper) = (Placeholder(parameters.Count), Placeholder(parameters.Count + 1));
                parts.Add($"""
                    SELECT "UnitId", "DomainCode", "ProcedureCode", {measures}, {t} AS t, {f} AS f FROM "ReportFacts"
                    WHERE "Grain" = '{grain}' AND "PeriodStart" >= {lower} AND "PeriodStart" < {upper}{filter}
                    """);
                parameters.Add(from);
                parameters.Add(until);
            }
        }

        // Changes not folded yet.
        parts.Add($"""
            SELECT "UnitId", "DomainCode", "ProcedureCode", {measures}, 1 AS t, CASE WHEN "Day" <= {Placeholder(1)} THEN 1 ELSE 0 END AS f
            FROM "ReportFactDeltas" WHERE "Day" <= {Placeholder(0)}{filter}
            """);
        string Key(FactGroups group, string column, string constant) => groups.HasFlag(group) ? $"\"{column}\"" : $"{constant} AS \"{column}\"";
        var keys = $"{Key(FactGroups.Unit, "UnitId", "0")}, {Key(FactGroups.Domain, "DomainCode", "''")}, {Key(FactGroups.Procedure, "ProcedureCode", "''")}";
        var groupBy = string.Join(", ", new[] { (FactGroups.Unit, "\"UnitId\""), (FactGroups.Domain, "\"DomainCode\""), (FactGroups.Procedure, "\"ProcedureCode\"") }
            .Where(g => groups.HasFlag(g.Item1)).Select(g => g.Item2));
        var sums = string.Join(", ", FactCounts.Columns.Select(c => c is "Within" or "Overdue" or "Awaiting"
            ? $"COALESCE(SUM(t * \"{c}\"), 0) AS \"{c}\""
            : $"COALESCE(SUM((t - f) * \"{c}\"), 0) AS \"{c}\""));
        var sql = $"""
            SELECT {keys}, {sums}, COALESCE(SUM(f * ("Within" + "Overdue" + "Awaiting")), 0) AS "CarriedOver"
            FROM (
            {string.Join("\nUNION ALL\n", parts)}
            ) x
            {(groupBy.Length > 0 ? "GROUP BY " + groupBy : "")}
            """;
        return await db.Database.SqlQueryRaw<FactSum>(sql, [.. parameters]).ToListAsync(cancellationToken);
    }

    private static string Placeholder(int index) => "{" + index.ToString(CultureInfo.InvariantCulture) + "}";

    /// <summary>Splits two half-open ranges into their common part (1, 1) and the parts only in one of them (1, 0) or (0, 1).</summary>
    private static IEnumerable<(DateOnly From, DateOnly Until, int T, int F)> Segments((DateOnly From, DateOnly Until) t, (DateOnly From, DateOnly Until) f)
    {
        var common = (From: t.From > f.From ? t.From : f.From, Until: t.Until < f.Until ? t.Until : f.Until);
        if (common.From >= common.Until)
        {
            return new[] { (t.From, t.Until, 1, 0), (f.From, f.Until, 0, 1) }.Where(s => s.Item1 < s.Item2);
        }

        return new[]
        {
            (common.From, common.Until, 1, 1),
            (t.From, common.From, 1, 0),
            (common.Until, t.Until, 1, 0),
            (f.From, common.From, 0, 1),
            (common.Until, f.Until, 0, 1),
        }.Where(s => s.Item1 < s.Item2);
    }

    // Whole years up to D: those that end on or before D.
    private static DateOnly YearCut(DateOnly day) => day is { Month: 12, Day: 31 } ? new DateOnly(day.Year + 1, 1, 1) : new DateOnly(day.Year, 1, 1);

    // Whole months of D's year up to D.
    private static DateOnly MonthCut(DateOnly day) =>
        day.AddDays(1).Day == 1 ? new DateOnly(day.Year, day.Month, 1).AddMonths(1) : new DateOnly(day.Year, day.Month, 1);
}
