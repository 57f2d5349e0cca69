using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>
/// <c>GET …/par-index/frameworks/{id}/results?subject=</c>: the year's scores of the units of one kind, ranked overall and in each area (equal
/// scores share a rank: 1, 2, 2, 4), with the change from the unit's total in the province's previous finalised year. Before publication only
/// staff of the province see it, and before finalisation it is provisional (automatic criteria measured up to today).
/// </summary>
internal static class RankParIndex
{
    public sealed record ParArea(string Code, string Name, decimal MaxPoints);

    public sealed record ParAreaResult(string Code, decimal Points, int Rank);

    public sealed record ParResultRow(int Rank, string UnitCode, string UnitName, decimal Total, decimal? PreviousTotal, decimal? Change, int? PreviousYear,
        IReadOnlyList<ParAreaResult> Areas);

    public sealed record ParResultsResponse(int FrameworkId, string ProvinceCode, int Year, string State, string Subject, IReadOnlyList<string> Subjects,
        decimal MaxPoints, IReadOnlyList<ParArea> Areas, IReadOnlyList<ParResultRow> Rows);

    public static async Task<Ok<ParResultsResponse>> Handle(int id, string? subject, ParIndexCards cards, MotCuaDbContext db, CurrentActor actor,
        IStringLocalizer<ParIndexResource> text, CancellationToken cancellationToken)
    {
        var framework = await cards.FrameworkAsync(id, cancellationToken);
        await AuthorizeAsync(db, actor, framework, cancellationToken);
        return TypedResults.Ok(await RankAsync(cards, db, framework, Subject(framework, subject, text), cancellationToken));
    }

    /// <summary>A published year is public; before that, only staff whose roles reach the whole province.</summary>
    public static async Task AuthorizeAsync(MotCuaDbContext db, CurrentActor actor, ParIndexFramework framework, CancellationToken cancellationToken)
    {
        if (framework.State == ParIndexState.Published)
        {
            return;
        }

        var path = await db.Units.AsNoTracking().Where(u => u.Code == framework.ProvinceCode).Select(u => u.Path).SingleAsync(cancellationToken);
        if (!actor.Covers(path))
        {
            throw ProblemException.Forbidden();
        }
    }

    public static ParSubject Subject(ParIndexFramework framework, string? subject, IStringLocalizer text)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return framework.SubjectList[0];
        }

        if (Enum.TryParse<ParSubject>(subject, ignoreCase: false, out var parsed) && framework.SubjectList.Contains(parsed))
        {
            return parsed;
        }

        new FieldErrors(text).Add("subject", "ParIndex.BadSubject", subject).ThrowIfAny();
        throw new System.Diagnostics.UnreachableException();
    }

    public static async Task<ParResultsResponse> RankAsync(ParIndexCards cards, MotCuaDbContext db, ParIndexFramework framework, ParSubject subject,
        CancellationToken cancellationToken)
    {
        var areas = framework.Criteria.Where(c => c.ParentId is null).OrderBy(c => c.Position).ToList();
        var units = (await cards.UnitsAsync(framework, cancellationToken)).Where(u => u.Subject == subject).ToList();
        var cardList = new List<ParCard>();
        foreach (var unit in units)
        {
            cardList.Add(await cards.CardAsync(framework, unit, cancellationToken));
        }

        var areaOf = ParIndexCards.Leaves(framework).ToDictionary(l => l.Id, l => ParIndexCards.AreaOf(framework, l).Code);
        var byArea = cardList.ToDictionary(c => c.Unit.Code, c => areas.ToDictionary(a => a.Code,
            a => c.Leaves.Where(l => areaOf[l.Criterion.Id] == a.Code).Sum(l => l.Points)));
        var (previousYear, previous) = await PreviousAsync(db, framework, subject, cancellationToken);
        var rows = cardList
            .OrderByDescending(c => c.Total).ThenBy(c => c.Unit.Code, StringComparer.Ordinal)
            .Select(c =>
            {
                decimal? before = previous.TryGetValue(c.Unit.Code, out var p) ? p : null;
                return new ParResultRow(1 + cardList.Count(o => o.Total > c.Total), c.Unit.Code, c.Unit.Name, c.Total, before, c.Total - before,
                    before is null ? null : previousYear,
                    [.. areas.Select(a => new ParAreaResult(a.Code, byArea[c.Unit.Code][a.Code],
                        1 + byArea.Values.Count(o => o[a.Code] > byArea[c.Unit.Code][a.Code])))]);
            })
            .ToList();
        return new ParResultsResponse(framework.Id, framework.ProvinceCode, framework.Year, framework.State.ToString(), subject.ToString(),
            [.. framework.SubjectList.Select(s => s.ToString())], areas.Sum(a => a.MaxPoints),
            [.. areas.Select(a => new ParArea(a.Code, a.Name, a.MaxPoints))], rows);
    }

    /// <summary>The totals of the province's latest earlier year that is finalised and ranks the same kind of unit.</summary>
    private static async Task<(int? Year, Dictionary<string, decimal> Totals)> PreviousAsync(MotCuaDbContext db, ParIndexFramework framework, ParSubject subject, CancellationToken cancellationToken)
    {
        var earlier = await db.ParIndexFrameworks.AsNoTracking()
            .Where(f => f.ProvinceCode == framework.ProvinceCode && f.Year < framework.Year && f.State != ParIndexState.Open)
            .OrderByDescending(f => f.Year).Select(f => new { f.Id, f.Year, f.Subjects }).ToListAsync(cancellationToken);
        var match = earlier.FirstOrDefault(f => f.Subjects.Split(',').Contains(subject.ToString()));
        if (match is null)
        {
            return (null, []);
        }

        var totals = await db.ParIndexScores.AsNoTracking().Where(s => s.FrameworkId == match.Id)
            .Join(db.Units, s => s.UnitId, u => u.Id, (s, u) => new { u.Code, s.FinalPoints })
            .ToListAsync(cancellationToken);
        return (match.Year, totals.GroupBy(t => t.Code).ToDictionary(g => g.Key, g => g.Sum(t => t.FinalPoints ?? 0m), StringComparer.Ordinal));
    }
}
