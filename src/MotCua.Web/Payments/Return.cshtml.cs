using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MotCua.Web.Payments;

/// <summary>
/// /thanh-toan/ket-qua: where the gateway sends the citizen back. It checks the signature and reads the order; it records
/// nothing (only the server-to-server notice does), so a forged or replayed return cannot pay a dossier. A failed or cancelled
/// payment says why, in Vietnamese, and the dossier stays as it was.
/// </summary>
internal sealed class ReturnModel(MotCuaDbContext db, IOptions<PaymentOptions> options) : PageModel
{
    public enum Outcome
    {
        Paid,
        Waiting,
        Failed,
        BadSignature,
    }

    public Outcome Result { get; private set; }
    public string? ResponseCode { get; private set; }
    public string? DossierCode { get; private set; }
    public Guid? DossierId { get; private set; }
    public long Amount { get; private set; }
    public string? Receipt { get; private set; }

    public async Task OnGetAsync()
    {
        var fields = Request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString())).ToList();
        var order = GatewayProtocol.Verify(options.Value.Gateway.HashSecret, fields, Request.Query[GatewayProtocol.Hash])
            ? await db.GatewayOrders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == Request.Query["vnp_TxnRef"].ToString(), HttpContext.RequestAborted)
            : null;
        if (order is null)
        {
            Result = Outcome.BadSignature;
            return;
        }

        DossierCode = order.DossierCode;
        DossierId = order.DossierId;
        Amount = order.Amount;
        ResponseCode = Request.Query["vnp_ResponseCode"];
        var payment = await db.Payments.AsNoTracking().Where(p => p.GatewayOrderId == order.Id).Select(p => p.Id).FirstOrDefaultAsync(HttpContext.RequestAborted);
        var receipt = await db.EReceipts.AsNoTracking().Where(r => r.PaymentId == payment).FirstOrDefaultAsync(HttpContext.RequestAborted);
        Receipt = receipt is null ? null : $"{receipt.Template} {receipt.Series} {receipt.Printed}";
        Result = payment != Guid.Empty ? Outcome.Paid : ResponseCode == "00" ? Outcome.Waiting : Outcome.Failed;
    }
}
