using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Reporting;

namespace MotCua.Web.Payments;

/// <summary>
/// <c>GET /api/v1/payments/report</c>: fees and charges collected in a period by the selected units, per unit and procedure
/// (refunds taken off), and the online payment share: of the dossiers that paid in the period, those that paid online.
/// Payments count under the unit that collected them (the receiving unit), rolled up as the period report rolls units up.
/// </summary>
internal static class FeeReport
{
    public sealed record Row(string UnitCode, string UnitName, string ProcedureCode, string ProcedureName, int Payments, long Collected, long Refunded,
        long Online, int Dossiers, int DossiersOnline);

    public sealed record Response(DateOnly From, DateOnly To, string UnitCode, string UnitName, Row Total, decimal? OnlineShare, IReadOnlyList<Row> Rows);

    public static async Task<Ok<Response>> Handle([AsParameters] ReportSelection selection, MotCuaDbContext db, IPeriodReports reports, CurrentActor actor,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var query = selection.Validate(actor, localizer);
        await reports.AuthorizeAsync(actor, query, cancellationToken);
        return TypedResults.Ok(await RunAsync(db, query, cancellationToken));
    }

    public static async Task<Response> RunAsync(MotCuaDbContext db, ReportQuery query, CancellationToken cancellationToken)
    {
        var units = await UnitSelection.ResolveAsync(db, query, cancellationToken);
        var (from, to) = Ratings.RatingResults.Period(query);
        var payments = await db.Payments.AsNoTracking()
            .Where(p => units.UnitIds.Contains(p.UnitId) && p.PaidAt >= from && p.PaidAt < to)
            .Where(p => query.ProcedureCode == null || p.ProcedureCode == query.ProcedureCode)
            .Select(p => new { p.UnitId, p.DossierId, p.ProcedureCode, p.ProcedureName, p.Method, p.Amount, p.Refunded })
            .ToListAsync(cancellationToken);
        var placed = payments.Select(p => (Payment: p, Unit: units.Row(p.UnitId, "", p.ProcedureCode))).Where(p => p.Unit is not null).ToList();
        Row Sum(string unitCode, string unitName, string procedureCode, string procedureName, IEnumerable<(long Amount, long Refunded, bool Online, Guid Dossier)> rows)
        {
            var list = rows.ToList();
            return new Row(unitCode, unitName, procedureCode, procedureName, list.Count, list.Sum(r => r.Amount - r.Refunded), list.Sum(r => r.Refunded),
                list.Where(r => r.Online).Sum(r => r.Amount - r.Refunded), list.Select(r => r.Dossier).Distinct().Count(),
                list.Where(r => r.Online).Select(r => r.Dossier).Distinct().Count());
        }

        var result = placed.GroupBy(p => (p.Unit!.Code, p.Payment.ProcedureCode))
            .Select(g => Sum(g.Key.Code, g.First().Unit!.Name, g.Key.ProcedureCode, g.First().Payment.ProcedureName,
                g.Select(p => (p.Payment.Amount, p.Payment.Refunded, p.Payment.Method == PaymentMethod.Online, p.Payment.DossierId))))
            .OrderBy(r => r.UnitName, StringComparer.Ordinal).ThenBy(r => r.ProcedureCode, StringComparer.Ordinal).ToList();
        var total = Sum(units.Root.Code, units.Root.Name, "", "",
            placed.Select(p => (p.Payment.Amount, p.Payment.Refunded, p.Payment.Method == PaymentMethod.Online, p.Payment.DossierId)));
        return new Response(query.From, query.To, units.Root.Code, units.Root.Name, total,
            total.Dossiers == 0 ? null : Math.Round((decimal)total.DossiersOnline / total.Dossiers, 4), result);
    }
}
