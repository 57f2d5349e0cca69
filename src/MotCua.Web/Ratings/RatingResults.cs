using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;
using MotCua.Web.Platform.Localization;
using MotCua.Web.Reporting;

namespace MotCua.Web.Ratings;

internal enum RatingRows
{
    Officer,
    Unit,
    Procedure,
}

/// <summary>
/// <c>GET /api/v1/ratings/results</c>: ratings given in a period (Vietnamese dates, inclusive) at a unit and its subtree
/// (merged units under their successors), by desk officer, unit or procedure. The public page shows the same figures by
/// unit and procedure, never by officer.
/// </summary>
internal static class RatingResults
{
    public sealed record Row(string Key, string Name, int Ratings, int VerySatisfied, int Satisfied, int NotSatisfied, decimal? SatisfiedShare,
        decimal? AveragePointsShare);

    public sealed record Response(DateOnly From, DateOnly To, string UnitCode, string UnitName, string RowsBy, Row Total, IReadOnlyList<Row> Rows);

    public static async Task<Ok<Response>> Handle([AsParameters] ReportSelection selection, string? rowsBy, MotCuaDbContext db, IPeriodReports reports,
        CurrentActor actor, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var query = selection.Validate(actor, localizer);
        var errors = new FieldErrors(localizer);
        var rows = ReportSelection.Parse<RatingRows>(errors, "rowsBy", rowsBy) ?? RatingRows.Unit;
        errors.ThrowIfAny();
        await reports.AuthorizeAsync(actor, query, cancellationToken);
        return TypedResults.Ok(await RunAsync(db, query, rows, cancellationToken));
    }

    public static async Task<Response> RunAsync(MotCuaDbContext db, ReportQuery query, RatingRows rowsBy, CancellationToken cancellationToken)
    {
        var units = await UnitSelection.ResolveAsync(db, query, cancellationToken);
        var (from, to) = Period(query);
        var ratings = await db.Set<Rating>().AsNoTracking()
            .Where(r => units.UnitIds.Contains(r.UnitId) && r.RatedAt >= from && r.RatedAt < to)
            .Where(r => query.ProcedureCode == null || r.ProcedureCode == query.ProcedureCode)
            .Select(r => new { r.UnitId, r.ProcedureCode, r.ProcedureName, r.OfficerId, r.OfficerName, r.Overall, r.Points, r.MaxPoints })
            .ToListAsync(cancellationToken);
        // A rating counts under the unit that carries its work on in this report, as the period report's figures do. Ratings
        // hold the procedure, not its domain: a successor chosen by a domain rule alone is not followed.
        var counted = ratings.Select(r => (Rating: r, Row: units.Row(r.UnitId, "", r.ProcedureCode))).Where(c => c.Row is not null).ToList();
        var grouped = counted.GroupBy(c => rowsBy switch
        {
            RatingRows.Officer => c.Rating.OfficerId?.ToString() ?? "",
            RatingRows.Unit => c.Row!.Code,
            RatingRows.Procedure => c.Rating.ProcedureCode,
        });
        var result = grouped.Select(g => Sum(g.Key, rowsBy switch
        {
            RatingRows.Officer => g.First().Rating.OfficerName ?? "",
            RatingRows.Unit => g.First().Row!.Name,
            RatingRows.Procedure => g.First().Rating.ProcedureName,
        }, g.Select(c => (c.Rating.Overall, c.Rating.Points, c.Rating.MaxPoints)))).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new Response(query.From, query.To, units.Root.Code, units.Root.Name, rowsBy.ToString(),
            Sum("", units.Root.Name, counted.Select(c => (c.Rating.Overall, c.Rating.Points, c.Rating.MaxPoints))), result);
    }

    /// <summary>The UTC instants [from, to) of a period of Vietnamese dates.</summary>
    public static (DateTime From, DateTime To) Period(ReportQuery query) =>
        (Calendar.VietnamTime.FromLocal(query.From.ToDateTime(TimeOnly.MinValue)).UtcDateTime,
            Calendar.VietnamTime.FromLocal(query.To.AddDays(1).ToDateTime(TimeOnly.MinValue)).UtcDateTime);

    private static Row Sum(string key, string name, IEnumerable<(Satisfaction Overall, int Points, int MaxPoints)> ratings)
    {
        var list = ratings.ToList();
        int Count(Satisfaction level) => list.Count(r => r.Overall == level);
        var max = list.Sum(r => r.MaxPoints);
        return new Row(key, name, list.Count, Count(Satisfaction.VerySatisfied), Count(Satisfaction.Satisfied), Count(Satisfaction.NotSatisfied),
            list.Count == 0 ? null : Math.Round((decimal)(list.Count - Count(Satisfaction.NotSatisfied)) / list.Count, 4),
            max == 0 ? null : Math.Round((decimal)list.Sum(r => r.Points) / max, 4));
    }
}

/// <summary><c>GET /api/v1/ratings/flagged</c>: ratings that look made up (bursts from one device, all-maximum bursts), for the supervisor of the unit.</summary>
internal static class ListFlaggedRatings
{
    public sealed record Item(string DossierCode, string ProcedureCode, string? OfficerName, string Channel, string Overall, int Points, int MaxPoints,
        string Flag, DateTimeOffset RatedAt);

    public static async Task<Ok<List<Item>>> Handle(string? unitCode, MotCuaDbContext db, CurrentActor actor, CancellationToken cancellationToken)
    {
        var visible = actor.VisiblePaths;
        var path = unitCode is { Length: > 0 }
            ? await db.Units.AsNoTracking().Where(u => u.Code == unitCode).Select(u => u.Path).FirstOrDefaultAsync(cancellationToken)
                ?? throw ProblemException.NotFound("Units.NotFound")
            : null;
        if (path is not null && !actor.Covers(path))
        {
            throw ProblemException.Forbidden();
        }

        var flagged = Units.UnitScope.Within(db.Set<Rating>().AsNoTracking().Where(r => r.Flag != null), r => r.UnitPath, path is null ? visible : [path]);
        var rows = await flagged.OrderByDescending(r => r.RatedAt).Take(500)
            .Select(r => new { r.DossierCode, r.ProcedureCode, r.OfficerName, r.Channel, r.Overall, r.Points, r.MaxPoints, r.Flag, r.RatedAt })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => new Item(r.DossierCode, r.ProcedureCode, r.OfficerName, r.Channel.ToString(), r.Overall.ToString(), r.Points,
            r.MaxPoints, r.Flag!.Value.ToString(), r.RatedAt.ToVietnamTime())).ToList());
    }
}
