using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Payments;

/// <summary>
/// <c>POST /api/v1/receipts/{id}/cancel</c>: the desk cancels an issued e-receipt, or replaces it with a new one (a wrong payer's
/// name, say). Decree 123/2020/NĐ-CP Art. 19–20 as amended by Decree 70/2025/NĐ-CP: an e-document made wrongly is not erased;
/// it is cancelled or replaced, and the replacement names it. Both keep their rows and their numbers; the history says who and why.
/// </summary>
internal static class CancelReceipt
{
    public sealed record Request(string? Reason, bool Replace);

    public sealed record Response(Guid Id, string Status, Guid? ReplacementId, string? ReplacementNumber);

    public static async Task<Ok<Response>> Handle(Guid id, Request request, MotCuaDbContext db, CurrentActor actor, ReceiptIssuer issuer, AuditTrail audit,
        TimeProvider clock, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("reason", request.Reason, 500);
        errors.ThrowIfAny();
        var receipt = await db.EReceipts.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (receipt is null || !actor.Covers(receipt.UnitPath, StaffRole.DeskOfficer))
        {
            throw ProblemException.NotFound();
        }

        var who = actor.ActingOn(receipt.UnitPath, StaffRole.DeskOfficer);
        var now = DossierTime.ToSecond(clock.GetUtcNow().UtcDateTime);
        if (!receipt.Cancel(request.Reason!.Trim(), now, request.Replace))
        {
            throw ProblemException.Conflict("receipt-not-issued", "Payments.ReceiptNotIssued");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.RecordAsync(who, request.Replace ? "receipt.replaced" : "receipt.cancelled", nameof(EReceipt), receipt.Id.ToString(),
            new { Status = ReceiptStatus.Issued }, new { receipt.Status, receipt.StatusReason }, cancellationToken);
        EReceipt? replacement = null;
        if (request.Replace)
        {
            var dossier = await db.Dossiers.AsNoTracking().FirstAsync(d => d.Id == receipt.DossierId, cancellationToken);
            var payment = await db.Payments.AsNoTracking().FirstAsync(p => p.Id == receipt.PaymentId, cancellationToken);
            var lines = await db.DossierCharges.AsNoTracking()
                .Where(c => c.PaymentId == payment.Id && c.Kind != ChargeKind.Obligation && c.ScheduledAmount > c.Reduction).ToListAsync(cancellationToken);
            replacement = await issuer.IssueAsync(dossier, payment, [.. lines.OrderBy(c => c.AddedAt).ThenBy(c => c.Id)], now, cancellationToken, receipt.Id);
            await audit.RecordAsync(who, "receipt.issued", nameof(EReceipt), replacement.Id.ToString(), null,
                new { replacement.Series, replacement.Number, Replaces = receipt.Id }, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new Response(receipt.Id, receipt.Status.ToString(), replacement?.Id, replacement?.Printed));
    }
}
