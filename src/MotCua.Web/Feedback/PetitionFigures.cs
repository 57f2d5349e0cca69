using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Localization;
using MotCua.Web.Reporting;

namespace MotCua.Web.Feedback;

/// <summary>
/// <c>GET /api/v1/petitions/statistics</c>: for a period of Vietnamese dates and a unit with its subtree (merged units under
/// their successors): petitions received, answered on time and late (answered in the period), and pending at its end, of
/// which overdue.
/// </summary>
internal static class PetitionFigures
{
    public sealed record Response(DateOnly From, DateOnly To, string UnitCode, string UnitName, int Received, int AnsweredOnTime, int AnsweredLate, int Pending,
        int PendingOverdue);

    public static async Task<Ok<Response>> Handle([AsParameters] ReportSelection selection, MotCuaDbContext db, IPeriodReports reports, CurrentActor actor,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var query = selection.Validate(actor, localizer);
        await reports.AuthorizeAsync(actor, query, cancellationToken);
        return TypedResults.Ok(await CountAsync(db, query, cancellationToken));
    }

    public static async Task<Response> CountAsync(MotCuaDbContext db, ReportQuery query, CancellationToken cancellationToken)
    {
        var units = await UnitSelection.ResolveAsync(db, query, cancellationToken);
        var (from, to) = Ratings.RatingResults.Period(query);
        var rows = await db.Set<Petition>().AsNoTracking()
            .Where(p => units.UnitIds.Contains(p.UnitId) && p.ReceivedAt < to && (p.AnsweredAt == null || p.AnsweredAt >= from))
            .Where(p => query.ProcedureCode == null || p.ProcedureCode == query.ProcedureCode)
            .Select(p => new { p.ReceivedAt, p.AnsweredAt, p.DueAt })
            .ToListAsync(cancellationToken);
        var answered = rows.Where(p => p.AnsweredAt is { } at && at < to).ToList();
        var pending = rows.Where(p => p.AnsweredAt is null || p.AnsweredAt >= to).ToList();
        return new Response(query.From, query.To, units.Root.Code, units.Root.Name,
            rows.Count(p => p.ReceivedAt >= from),
            answered.Count(p => p.DueAt is { } due && p.AnsweredAt <= due),
            answered.Count(p => p.DueAt is not { } due || p.AnsweredAt > due),
            pending.Count,
            pending.Count(p => p.DueAt is { } due && due < to));
    }
}

/// <summary><c>GET /api/v1/petitions</c>: petitions of the units the officer sees, newest first, with the overdue flag.</summary>
internal static class ListPetitions
{
    public static async Task<Ok<List<PetitionView>>> Handle(bool? overdue, MotCuaDbContext db, CurrentActor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var visible = Units.UnitScope.Within(db.Set<Petition>().AsNoTracking(), p => p.UnitPath, actor.VisiblePaths);
        if (overdue == true)
        {
            visible = visible.Where(p => p.State != PetitionState.Answered && p.DueAt < now);
        }

        var rows = await visible.OrderByDescending(p => p.ReceivedAt).Take(500)
            .Join(db.Units, p => p.UnitId, u => u.Id, (p, u) => new { Petition = p, u.Code })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => PetitionView.Of(r.Petition, r.Code, now)).ToList());
    }
}

/// <summary><c>GET /api/v1/petitions/published</c> and the portal page: answers the senders agreed to publish, with the agency and date only.</summary>
internal static class ListPublishedAnswers
{
    public sealed record Item(string Reference, string Kind, string UnitName, string? ProcedureCode, string Answer, DateTimeOffset PublishedAt);

    public static async Task<Ok<List<Item>>> Handle(MotCuaDbContext db, CancellationToken cancellationToken) => TypedResults.Ok(await LoadAsync(db, cancellationToken));

    public static async Task<List<Item>> LoadAsync(MotCuaDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Petition>().AsNoTracking().Where(p => p.PublishedAt != null)
            .OrderByDescending(p => p.PublishedAt).Take(100)
            .Join(db.Units, p => p.UnitId, u => u.Id, (p, u) => new { p.Reference, p.Kind, u.Name, p.ProcedureCode, p.PublicAnswer, p.PublishedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new Item(r.Reference, r.Kind.ToString(), r.Name, r.ProcedureCode, r.PublicAnswer!, r.PublishedAt!.Value.ToVietnamTime())).ToList();
    }
}
