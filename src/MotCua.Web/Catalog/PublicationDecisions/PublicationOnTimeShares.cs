using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Calendar;
using MotCua.Web.Reporting;
using MotCua.Web.Reporting.Outputs;

namespace MotCua.Web.Catalog.PublicationDecisions;

/// <summary>
/// Decision 766/QĐ-TTg annex 1.1 and 1.2 as the catalog measures them (<see cref="Decision766Input.PublishedOnTimeShare"/>,
/// <see cref="Decision766Input.PublicisedOnTimeShare"/>), over the procedures announced by decisions signed in the period that a unit of the
/// selection provides, each decision-procedure pair counted once:
/// 1.1: those whose decision was signed by its latest day (<see cref="PublicationDeadlines.LatestSigning"/>);
/// 1.2: those publicised on the national database by the deadline, or not yet publicised but still within it at the end of the period (as
/// annex 2.1 counts dossiers still within their deadline).
/// </summary>
internal sealed class PublicationOnTimeShares(MotCuaDbContext db, IWorkingCalendar calendars, IOptions<PublicationOptions> options) : IDecision766Source
{
    public async Task<IReadOnlyDictionary<Decision766Input, Ratio>> MeasureAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var units = await UnitSelection.ResolveAsync(db, query, cancellationToken);
        var provided = db.ProcedureProviders.Where(p => units.UnitIds.Contains(p.UnitId)).Select(p => p.ProcedureId);
        var announced = await db.PublicationDecisions.AsNoTracking()
            .Where(d => d.SignedOn >= query.From && d.SignedOn <= query.To)
            .SelectMany(d => d.Procedures.Where(p => provided.Contains(p.ProcedureId)), (d, p) => new { d.SignedOn, d.EffectiveOn, d.PublicisedOn, p.ProcedureId })
            .Where(a => query.ProcedureCode == null || db.Procedures.Any(p => p.Id == a.ProcedureId && p.Code == query.ProcedureCode))
            .ToListAsync(cancellationToken);
        var calendar = await calendars.ForUnitAsync(null, cancellationToken);
        var settings = options.Value;
        var signedOnTime = announced.Count(a =>
            a.SignedOn <= PublicationDeadlines.LatestSigning(a.EffectiveOn, settings.IssueBeforeEffectWorkingDays, calendar.IsWorkingDay));
        var publicisedOnTime = announced.Count(a => PublicationDeadlines.Publicising(a.PublicisedOn,
            PublicationDeadlines.PublicisingDeadline(a.SignedOn, settings.PubliciseWithinWorkingDays, calendar.IsWorkingDay), query.To)
            is PublicisingState.OnTime or PublicisingState.Pending);
        return new Dictionary<Decision766Input, Ratio>
        {
            [Decision766Input.PublishedOnTimeShare] = new(signedOnTime, announced.Count),
            [Decision766Input.PublicisedOnTimeShare] = new(publicisedOnTime, announced.Count),
        };
    }
}
