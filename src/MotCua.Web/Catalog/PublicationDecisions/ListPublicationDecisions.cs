using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;

namespace MotCua.Web.Catalog.PublicationDecisions;

/// <summary>
/// <c>GET /api/v1/catalog/publication-decisions?year=</c>: the province's decisions announcing procedures, newest first, each judged against
/// its time limits on the province's working calendar (<see cref="PublicationDeadlines"/>).
/// </summary>
internal static class ListPublicationDecisions
{
    public sealed record AnnouncedProcedure(string Code, string Name);

    public sealed record PublicationDecisionView(int Id, string Number, string Title, DateOnly SignedOn, DateOnly EffectiveOn, DateOnly LatestSigning,
        bool SignedOnTime, DateOnly? PublicisedOn, DateOnly PublicisingDeadline, PublicisingState Publicising, int Version,
        IReadOnlyList<AnnouncedProcedure> Procedures);

    public static async Task<Ok<List<PublicationDecisionView>>> Handle(int? year, MotCuaDbContext db, IWorkingCalendar calendars,
        IOptions<PublicationOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var decisions = await db.PublicationDecisions.AsNoTracking().Include(d => d.Procedures)
            .Where(d => year == null || (d.SignedOn >= new DateOnly(year.Value, 1, 1) && d.SignedOn <= new DateOnly(year.Value, 12, 31)))
            .OrderByDescending(d => d.SignedOn).ThenByDescending(d => d.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(await ViewAsync(db, calendars, options.Value, clock, decisions, cancellationToken));
    }

    /// <summary>The decisions as shown, judged as of today (Vietnam date).</summary>
    public static async Task<List<PublicationDecisionView>> ViewAsync(MotCuaDbContext db, IWorkingCalendar calendars, PublicationOptions options,
        TimeProvider clock, IReadOnlyList<PublicationDecision> decisions, CancellationToken cancellationToken)
    {
        var ids = decisions.SelectMany(d => d.Procedures.Select(p => p.ProcedureId)).Distinct().ToList();
        var procedures = await db.Procedures.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Code, Name = p.Versions.OrderByDescending(v => v.Number).Select(v => v.Name).FirstOrDefault() })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var calendar = await calendars.ForUnitAsync(null, cancellationToken);
        var today = DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        return [.. decisions.Select(d =>
        {
            var (latest, deadline) = Deadlines(d, options, calendar.IsWorkingDay);
            return new PublicationDecisionView(d.Id, d.Number, d.Title, d.SignedOn, d.EffectiveOn, latest, d.SignedOn <= latest, d.PublicisedOn, deadline,
                PublicationDeadlines.Publicising(d.PublicisedOn, deadline, today), d.Version,
                [.. d.Procedures.Select(p => procedures[p.ProcedureId]).OrderBy(p => p.Code, StringComparer.Ordinal)
                    .Select(p => new AnnouncedProcedure(p.Code, p.Name ?? ""))]);
        })];
    }

    /// <summary>The latest signing day and the publicising deadline of a decision.</summary>
    public static (DateOnly LatestSigning, DateOnly PublicisingDeadline) Deadlines(PublicationDecision decision, PublicationOptions options,
        Func<DateOnly, bool> isWorkingDay) =>
        (PublicationDeadlines.LatestSigning(decision.EffectiveOn, options.IssueBeforeEffectWorkingDays, isWorkingDay),
            PublicationDeadlines.PublicisingDeadline(decision.SignedOn, options.PubliciseWithinWorkingDays, isWorkingDay));
}
