using Microsoft.EntityFrameworkCore;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;

namespace MotCua.Web.Payments;

/// <summary>Every payment of a dossier as rows of the process control slip: when, how much, how, the receipt, and refunds.</summary>
internal static class PaymentRows
{
    public static async Task<IReadOnlyList<(DateTime At, IReadOnlyList<string> Cells)>> ForSlipAsync(MotCuaDbContext db, Guid dossierId, string desk,
        CancellationToken cancellationToken)
    {
        const string Applicant = "Người nộp hồ sơ";
        var payments = await db.Payments.AsNoTracking().Where(p => p.DossierId == dossierId).ToListAsync(cancellationToken);
        var ids = payments.Select(p => p.Id).ToList();
        var receipts = await db.EReceipts.AsNoTracking().Where(r => ids.Contains(r.PaymentId)).ToListAsync(cancellationToken);
        var refunds = await db.Refunds.AsNoTracking().Where(r => ids.Contains(r.PaymentId)).ToListAsync(cancellationToken);
        var rows = new List<(DateTime, IReadOnlyList<string>)>();
        foreach (var payment in payments)
        {
            var receipt = string.Join(", ", receipts.Where(r => r.PaymentId == payment.Id).OrderBy(r => r.Number)
                .Select(r => $"biên lai {r.Template} {r.Series} số {r.Printed}" + (r.Status == ReceiptStatus.Issued ? "" : " (đã hủy/thay thế)")));
            rows.Add((payment.PaidAt, [Applicant, desk, DossierSlips.Moment(payment.PaidAt), "—",
                $"Nộp {CatalogText.Money(payment.Amount)} ({Method(payment.Method)})" + (receipt.Length > 0 ? "; " + receipt : "")
                + (payment.Document is { } document ? "; chứng từ " + document : "")]));
        }

        rows.AddRange(refunds.Select(r => (r.At, (IReadOnlyList<string>)[desk, Applicant, DossierSlips.Moment(r.At), "—",
            $"Hoàn trả {CatalogText.Money(r.Amount)}: {r.Reason}"])));
        return rows;
    }

    public static string Method(PaymentMethod method) => method switch
    {
        PaymentMethod.Cash => "tiền mặt",
        PaymentMethod.Card => "thẻ",
        PaymentMethod.Transfer => "chuyển khoản",
        PaymentMethod.Online => "thanh toán trực tuyến",
        PaymentMethod.StateBudget => "nộp ngân sách nhà nước",
    };
}
