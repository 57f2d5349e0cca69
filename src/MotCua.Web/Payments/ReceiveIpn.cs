using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Dossiers;

namespace MotCua.Web.Payments;

/// <summary>
/// <c>GET /api/v1/payments/gateway/ipn</c>: the gateway's server-to-server payment notice (IPN). The signature is checked
/// before anything is read, then the order and its amount; a notice repeated or racing another is answered "02" and records
/// nothing. The answer codes are the gateway's: 00 confirmed, 01 order not found, 02 already confirmed, 04 wrong amount,
/// 97 wrong signature, 99 other error, such as a desk action racing the notice on the dossier (the gateway retries on anything
/// but 00 and 02).
/// </summary>
internal static class ReceiveIpn
{
    /// <summary>The gateway reads the reply's names as they are spelt here.</summary>
    public sealed record Answer([property: JsonPropertyName("RspCode")] string RspCode, [property: JsonPropertyName("Message")] string Message);

    public static async Task<Answer> Handle(HttpRequest request, MotCuaDbContext db, OnlineSettlement settlement, IOptions<PaymentOptions> options,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString())).ToList();
        if (!GatewayProtocol.Verify(options.Value.Gateway.HashSecret, fields, request.Query[GatewayProtocol.Hash]))
        {
            return new("97", "Invalid signature");
        }

        var order = await db.GatewayOrders.FirstOrDefaultAsync(o => o.Id == request.Query["vnp_TxnRef"].ToString(), cancellationToken);
        if (order is null)
        {
            return new("01", "Order not found");
        }

        if (GatewayProtocol.Dong(request.Query["vnp_Amount"]) != order.Amount)
        {
            return new("04", "Invalid amount");
        }

        var paid = request.Query["vnp_ResponseCode"] == "00" && request.Query["vnp_TransactionStatus"] == "00";
        var outcome = await settlement.SettleAsync(order, paid, request.Query["vnp_ResponseCode"].ToString(), request.Query["vnp_TransactionNo"],
            DossierTime.ToSecond(clock.GetUtcNow().UtcDateTime), cancellationToken);
        return outcome switch
        {
            SettlementOutcome.AlreadySettled => new("02", "Order already confirmed"),
            // Nothing was recorded: the gateway sends the notice again (and the reconciliation would find it otherwise).
            SettlementOutcome.Retry => new("99", "Retry later"),
            _ => new("00", "Confirm Success"),
        };
    }
}
