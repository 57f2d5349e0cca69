using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Workflow;

namespace MotCua.Web.Oversight;

/// <summary>
/// <c>GET /api/v1/oversight/staff-performance?unitCode=&amp;year=&amp;month=</c>: for each officer of a unit's subtree, over a month or a year,
/// the dossiers received, the steps processed on time and late (as the process control slip judges each hand-off), the supplements
/// requested and the citizens' ratings; and the desk team's share graded "excellent" against the province's cap.
/// </summary>
internal static class GetStaffPerformance
{
    public sealed record Officer(string UserName, string FullName, IReadOnlyList<string> Roles, int Received, int ProcessedOnTime, int ProcessedLate,
        int SupplementsRequested, int? RatingsSatisfied, int? RatingsTotal, string? Grade);

    /// <param name="Excellent">Desk officers graded excellent for the period.</param>
    /// <param name="GoodOrAbove">Desk officers graded good or excellent: the base of the cap.</param>
    /// <param name="Cap">The most "excellent" grades the province's rule allows; null without a rule.</param>
    public sealed record DeskTeam(int Officers, int Graded, int Excellent, int GoodOrAbove, decimal? ExcellentShare, int? MaxPercent, int? Cap,
        bool? WithinCap, string? RuleBasis);

    public sealed record Response(string UnitCode, string UnitName, int Year, int? Month, DateOnly From, DateOnly To, bool RatingsMeasured,
        IReadOnlyList<Officer> Officers, DeskTeam Desk);

    // The roles that handle dossiers; stored as text, so compared by value, not by order.
    private static readonly StaffRole[] Serving = [StaffRole.DeskOfficer, StaffRole.Specialist, StaffRole.Leader];

    public static async Task<Ok<Response>> Handle(string? unitCode, int? year, int? month, MotCuaDbContext db, CurrentActor actor, TimeProvider clock,
        IEnumerable<IOfficerRatingSource> ratings, IStringLocalizer<OversightResource> text, CancellationToken cancellationToken) =>
        TypedResults.Ok(await LoadAsync(unitCode, year, month, db, actor, clock, ratings, text, cancellationToken));

    public static async Task<Response> LoadAsync(string? unitCode, int? year, int? month, MotCuaDbContext db, CurrentActor actor, TimeProvider clock,
        IEnumerable<IOfficerRatingSource> ratings, IStringLocalizer text, CancellationToken cancellationToken)
    {
        var period = ScorePeriod.Parse(year, month, null, DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime), text);
        var code = string.IsNullOrWhiteSpace(unitCode) ? actor.Roles.FirstOrDefault()?.UnitCode ?? "" : unitCode.Trim();
        var unit = await db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => new { u.Code, u.Name, u.Path }).SingleOrDefaultAsync(cancellationToken)
            ?? throw ProblemException.NotFound("Units.NotFound");
        if (!actor.Covers(unit.Path))
        {
            throw ProblemException.Forbidden();
        }

        var officers = await db.Users.AsNoTracking()
            .Where(u => u.Roles.Any(r => r.Unit!.Path.StartsWith(unit.Path) && Serving.Contains(r.Role)))
            .OrderBy(u => u.FullName).ThenBy(u => u.UserName)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.FullName,
                Roles = u.Roles.Where(r => r.Unit!.Path.StartsWith(unit.Path) && Serving.Contains(r.Role)).Select(r => r.Role).ToList(),
            })
            .ToListAsync(cancellationToken);
        var ids = officers.Select(o => o.Id).ToList();
        var (start, end) = (StartUtc(period.From), StartUtc(period.To.AddDays(1)));

        // Who received and who asked for supplements: the dossiers' history, written in the same transaction as each change.
        var actions = await db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == nameof(Dossier) && e.ActorId != null && ids.Contains(e.ActorId.Value) && e.OccurredAt >= start && e.OccurredAt < end
                && (e.Action == "dossier.received" || e.Action == "dossier.supplement-requested"))
            .GroupBy(e => new { e.ActorId, e.Action }).Select(g => new { g.Key.ActorId, g.Key.Action, Count = g.Count() })
            .ToListAsync(cancellationToken);
        // On time or late: each step an officer ended, judged against its allotted time like the process control slip.
        var steps = await db.Dossiers.AsNoTracking().SelectMany(d => d.Handoffs)
            .Where(h => h.FromUserId != null && ids.Contains(h.FromUserId.Value) && h.At >= start && h.At < end && h.Timeliness != null)
            .GroupBy(h => new { h.FromUserId, Late = h.Timeliness == Timeliness.Late }).Select(g => new { g.Key.FromUserId, g.Key.Late, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var grades = await db.StaffEvaluations.AsNoTracking()
            .Where(e => ids.Contains(e.UserId) && e.Year == period.Year && e.Month == (period.Month ?? 0))
            .ToDictionaryAsync(e => e.UserId, e => e.Grade, cancellationToken);
        Dictionary<Guid, OfficerRatings>? rated = null;
        foreach (var source in ratings)
        {
            rated ??= [];
            foreach (var (officer, count) in await source.MeasureAsync(ids, period.From, period.To, cancellationToken))
            {
                rated[officer] = count;
            }
        }

        int Count(Guid id, string action) => actions.Where(a => a.ActorId == id && a.Action == action).Sum(a => a.Count);
        int Steps(Guid id, bool late) => steps.Where(s => s.FromUserId == id && s.Late == late).Sum(s => s.Count);
        var rows = officers.Select(o => new Officer(o.UserName!, o.FullName, o.Roles.Distinct().Order().Select(r => r.ToString()).ToList(),
            Count(o.Id, "dossier.received"), Steps(o.Id, false), Steps(o.Id, true), Count(o.Id, "dossier.supplement-requested"),
            rated is null ? null : rated.GetValueOrDefault(o.Id)?.Satisfied ?? 0, rated is null ? null : rated.GetValueOrDefault(o.Id)?.Rated ?? 0,
            grades.TryGetValue(o.Id, out var grade) ? grade.ToString() : null)).ToList();

        var desk = await DeskGradesAsync(db, unit.Path, period.Year, period.Month, cancellationToken);
        var province = unit.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];
        var rule = await db.ExcellentShareRules.AsNoTracking().Where(r => r.ProvinceCode == province && r.ValidFrom <= period.To)
            .OrderByDescending(r => r.ValidFrom).FirstOrDefaultAsync(cancellationToken);
        return new Response(unit.Code, unit.Name, period.Year, period.Month, period.From, period.To, rated is not null, rows,
            Team(desk, rule));
    }

    /// <summary>The grade of each desk officer of a unit's subtree for a month or (no month) the year, null when not graded: the base of the desk
    /// team's share, here and in the reform index's criterion on it.</summary>
    public static async Task<IReadOnlyList<EvaluationGrade?>> DeskGradesAsync(MotCuaDbContext db, string unitPath, int year, int? month,
        CancellationToken cancellationToken)
    {
        var desk = await db.Users.AsNoTracking()
            .Where(u => u.Roles.Any(r => r.Unit!.Path.StartsWith(unitPath) && r.Role == StaffRole.DeskOfficer))
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
        var grades = await db.StaffEvaluations.AsNoTracking()
            .Where(e => desk.Contains(e.UserId) && e.Year == year && e.Month == (month ?? 0))
            .ToDictionaryAsync(e => e.UserId, e => e.Grade, cancellationToken);
        return [.. desk.Select(id => grades.TryGetValue(id, out var grade) ? grade : (EvaluationGrade?)null)];
    }

    private static DateTime StartUtc(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset).UtcDateTime;

    /// <summary>The desk team's grades against the cap: at most <c>MaxPercent</c>% of those graded good or above may be excellent (rounded down).</summary>
    public static DeskTeam Team(IReadOnlyList<EvaluationGrade?> desk, ExcellentShareRule? rule)
    {
        var graded = desk.Count(g => g is not null);
        var excellent = desk.Count(g => g == EvaluationGrade.Excellent);
        var goodOrAbove = desk.Count(g => g is EvaluationGrade.Excellent or EvaluationGrade.Good);
        int? cap = rule is null ? null : goodOrAbove * rule.MaxPercentOfGoodOrAbove / 100;
        return new DeskTeam(desk.Count, graded, excellent, goodOrAbove, graded == 0 ? null : Math.Round((decimal)excellent / graded, 4),
            rule?.MaxPercentOfGoodOrAbove, cap, cap is null ? null : excellent <= cap, rule?.Basis);
    }
}
