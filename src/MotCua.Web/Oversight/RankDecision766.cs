using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Reporting;
using MotCua.Web.Reporting.Outputs;
using MotCua.Web.Units;

namespace MotCua.Web.Oversight;

/// <summary>
/// <c>GET /api/v1/oversight/decision766/ranking?unitCode=&amp;year=&amp;month=|quarter=</c>: the Decision 766 score of each unit directly
/// under <c>unitCode</c> (each with its subtree) for a month or a quarter, ranked. Equal totals share a rank (1, 2, 2, 4), ordered by code.
/// </summary>
internal static class RankDecision766
{
    public sealed record Row(int Rank, string UnitCode, string UnitName, decimal Total, IReadOnlyDictionary<string, decimal> Groups, int NoDataComponents);

    public sealed record Response(string UnitCode, string UnitName, int Year, int? Month, int? Quarter, DateOnly From, DateOnly To, decimal Max,
        IReadOnlyList<string> Groups, IReadOnlyList<Row> Rows);

    public static async Task<Ok<Response>> Handle(string? unitCode, int? year, int? month, int? quarter, IPeriodReports reports, MotCuaDbContext db,
        CurrentActor actor, TimeProvider clock, IOptions<Decision766Options> options, IEnumerable<IDecision766Source> sources,
        IStringLocalizer<OversightResource> text, IStringLocalizer<ReportingOutputsResource> outputs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await RankAsync(unitCode, year, month, quarter, reports, db, actor, clock, options.Value, sources, text, outputs, cancellationToken));

    public static async Task<Response> RankAsync(string? unitCode, int? year, int? month, int? quarter, IPeriodReports reports, MotCuaDbContext db,
        CurrentActor actor, TimeProvider clock, Decision766Options options, IEnumerable<IDecision766Source> sources, IStringLocalizer text,
        IStringLocalizer outputs, CancellationToken cancellationToken)
    {
        var today = DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        var period = ScorePeriod.Parse(year, month, quarter, today, text);
        var parent = string.IsNullOrWhiteSpace(unitCode) ? actor.Roles.FirstOrDefault()?.UnitCode ?? "" : unitCode.Trim();
        var query = new ReportQuery(period.From, period.To, parent);
        await reports.AuthorizeAsync(actor, query, cancellationToken);

        var parentUnit = await db.Units.AsNoTracking().Where(u => u.Code == parent).Select(u => new { u.Id, u.Name }).SingleAsync(cancellationToken);
        var children = await db.Units.AsNoTracking()
            .Where(u => u.ParentId == parentUnit.Id && u.Kind != UnitKind.Desk && u.ValidFrom <= period.To && (u.ValidTo == null || u.ValidTo >= period.To))
            .OrderBy(u => u.Code).Select(u => u.Code).ToListAsync(cancellationToken);

        var scores = new List<GetDecision766.Response>();
        foreach (var child in children)
        {
            scores.Add(await GetDecision766.ScoreAsync(reports, db, options, sources, outputs, query with { UnitCode = child }, cancellationToken));
        }

        var ordered = scores.OrderByDescending(s => s.Total).ThenBy(s => s.UnitCode, StringComparer.Ordinal).ToList();
        var rows = ordered.Select(s => new Row(1 + ordered.Count(o => o.Total > s.Total), s.UnitCode, s.UnitName, s.Total,
            s.Groups.ToDictionary(g => g.Key, g => g.Points), s.Groups.Sum(g => g.Components.Count(c => c.Status == nameof(Decision766Status.NoData))))).ToList();
        return new Response(parent, parentUnit.Name, period.Year, period.Month, period.Quarter, period.From, period.To, options.Groups.Sum(g => g.Max),
            options.Groups.Select(g => g.Key).ToList(), rows);
    }
}
