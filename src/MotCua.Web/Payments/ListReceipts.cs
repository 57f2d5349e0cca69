using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Localization;
using MotCua.Web.Reporting;

namespace MotCua.Web.Payments;

/// <summary>
/// <c>GET /api/v1/receipts</c>: the register of e-receipts (sổ theo dõi biên lai) of the selected units in a period, in series and
/// number order, cancelled and replaced ones included with their reason: the register shows each number once and none missing.
/// </summary>
internal static class ListReceipts
{
    public sealed record Item(Guid Id, string UnitName, string Template, string Series, string Number, DateTimeOffset IssuedAt, string DossierCode, string Payer,
        long Amount, string Status, string? StatusReason, string? Replaces, bool Signed);

    public sealed record Response(DateOnly From, DateOnly To, string UnitCode, string UnitName, int Issued, long IssuedAmount, IReadOnlyList<Item> Items);

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
        var receipts = await db.EReceipts.AsNoTracking().Where(r => units.UnitIds.Contains(r.UnitId) && r.IssuedAt >= from && r.IssuedAt < to)
            .ToListAsync(cancellationToken);
        var numbers = receipts.ToDictionary(r => r.Id, r => r.Series + " " + r.Printed);
        var items = receipts.OrderBy(r => r.UnitId).ThenBy(r => r.Year).ThenBy(r => r.Series, StringComparer.Ordinal).ThenBy(r => r.Number)
            .Select(r => new Item(r.Id, units.Units.TryGetValue(r.UnitId, out var unit) ? unit.Name : "", r.Template, r.Series, r.Printed, r.IssuedAt.ToVietnamTime(),
                r.DossierCode, r.Payer, r.Amount, r.Status.ToString(), r.StatusReason,
                r.ReplacesId is { } replaced ? numbers.GetValueOrDefault(replaced) : null, r.Signature is not null))
            .ToList();
        var issued = receipts.Where(r => r.Status == ReceiptStatus.Issued).ToList();
        return new Response(query.From, query.To, units.Root.Code, units.Root.Name, issued.Count, issued.Sum(r => r.Amount), items);
    }
}
