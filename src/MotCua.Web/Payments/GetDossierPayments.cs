using Microsoft.EntityFrameworkCore;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Http;
using MotCua.Web.Platform.Localization;

namespace MotCua.Web.Payments;

/// <summary><c>GET /api/v1/dossiers/{code}/charges</c>: what the dossier owes and has paid, every payment and receipt.</summary>
internal static class GetDossierPayments
{
    public sealed record Charge(Guid Id, string Kind, string Name, long ScheduledAmount, long Reduction, string? ReductionReason, long Due, bool Paid,
        DateTimeOffset AddedAt);

    public sealed record PaymentLine(Guid Id, string Method, long Amount, DateTimeOffset PaidAt, string RecordedBy, string? Document, string? GatewayOrderId,
        long Refunded);

    public sealed record ReceiptLine(Guid Id, Guid PaymentId, string Template, string Series, string Number, DateTimeOffset IssuedAt, long Amount,
        string Status, string? StatusReason, Guid? ReplacesId, bool Signed);

    public sealed record View(string Code, int Version, string State, long Outstanding, IReadOnlyList<Charge> Charges, IReadOnlyList<PaymentLine> Payments,
        IReadOnlyList<ReceiptLine> Receipts);

    public static async Task<View> Handle(string code, MotCuaDbContext db, Identity.CurrentActor actor, CancellationToken cancellationToken)
    {
        var dossier = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Code == code, cancellationToken);
        return dossier is not null && Routing.Visible(dossier, actor)
            ? await ViewAsync(db, dossier, cancellationToken)
            : throw ProblemException.NotFound("Dossiers.NotFound");
    }

    public static async Task<View> ViewAsync(MotCuaDbContext db, Dossier dossier, CancellationToken cancellationToken)
    {
        var charges = (await db.DossierCharges.AsNoTracking().Where(c => c.DossierId == dossier.Id).ToListAsync(cancellationToken))
            .OrderBy(c => c.AddedAt).ThenBy(c => c.Id).ToList();
        var payments = (await db.Payments.AsNoTracking().Where(p => p.DossierId == dossier.Id).ToListAsync(cancellationToken)).OrderBy(p => p.PaidAt).ToList();
        var receipts = (await db.EReceipts.AsNoTracking().Where(r => r.DossierId == dossier.Id).ToListAsync(cancellationToken)).OrderBy(r => r.IssuedAt).ToList();
        return new View(dossier.Code!, dossier.Version, dossier.State.ToString(), charges.Where(c => c.PaymentId == null).Sum(c => c.Due),
            [.. charges.Select(c => new Charge(c.Id, c.Kind.ToString(), c.Name, c.ScheduledAmount, c.Reduction, c.ReductionReason, c.Due, c.PaymentId != null,
                c.AddedAt.ToVietnamTime()))],
            [.. payments.Select(p => new PaymentLine(p.Id, p.Method.ToString(), p.Amount, p.PaidAt.ToVietnamTime(), p.RecordedBy, p.Document, p.GatewayOrderId,
                p.Refunded))],
            [.. receipts.Select(r => new ReceiptLine(r.Id, r.PaymentId, r.Template, r.Series, r.Printed, r.IssuedAt.ToVietnamTime(), r.Amount,
                r.Status.ToString(), r.StatusReason, r.ReplacesId, r.Signature is not null))]);
    }
}
