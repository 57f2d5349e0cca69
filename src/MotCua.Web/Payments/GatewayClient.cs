using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using MotCua.Web.Platform.Http;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace MotCua.Web.Payments;

/// <summary>What the gateway says of an order: its transaction status ("00" paid), amount in đồng and transaction number.</summary>
internal sealed record GatewayStatus(string ResponseCode, string? TransactionStatus, long? Amount, string? TransactionNo)
{
    public bool Found => ResponseCode == "00";
    public bool Paid => Found && TransactionStatus == "00";
}

/// <summary>The gateway could not be reached or did not answer in time, after the retries.</summary>
internal sealed class GatewayUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Builds the signed redirect and calls the gateway's merchant API (<c>/merchant_webapi/api/transaction</c>): the status query
/// (querydr) for reconciliation and the refund. Every call has a timeout and is retried with a back-off (Polly); a gateway that
/// is down ends in <see cref="GatewayUnavailableException"/>, which callers turn into a Vietnamese message: the desk's own
/// collection never calls the gateway. A circuit breaker shared by the process holds calls back while the gateway keeps failing.
/// </summary>
internal sealed class GatewayClient(HttpClient http, IOptions<PaymentOptions> options, TimeProvider clock, OutsideBreaker<GatewayClient> breaker)
{
    private readonly GatewayOptions _gateway = options.Value.Gateway;

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = options.Value.Gateway.Retries,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>().Handle<TimeoutRejectedException>()
                .HandleResult(r => (int)r.StatusCode >= 500),
        })
        .AddTimeout(options.Value.Gateway.Timeout)
        .Build();

    public string PaymentUrl(GatewayOrder order, string returnUrl, string clientAddress)
    {
        var created = order.CreatedAt;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["vnp_Version"] = "2.1.0",
            ["vnp_Command"] = "pay",
            ["vnp_TmnCode"] = _gateway.TmnCode,
            ["vnp_Amount"] = GatewayProtocol.Amount(order.Amount),
            ["vnp_CurrCode"] = "VND",
            ["vnp_TxnRef"] = order.Id,
            // The gateway accepts no diacritics in the order description.
            ["vnp_OrderInfo"] = "Thanh toan phi le phi ho so " + order.DossierCode,
            ["vnp_OrderType"] = "billpayment",
            ["vnp_Locale"] = "vn",
            ["vnp_ReturnUrl"] = returnUrl,
            ["vnp_IpAddr"] = clientAddress,
            ["vnp_CreateDate"] = GatewayProtocol.Time(created),
            ["vnp_ExpireDate"] = GatewayProtocol.Time(created + _gateway.PayWithin),
        };
        var query = GatewayProtocol.Canonical(fields);
        return _gateway.BaseUrl.TrimEnd('/') + "/paymentv2/vpcpay.html?" + query + "&" + GatewayProtocol.Hash + "=" + GatewayProtocol.Sign(_gateway.HashSecret, query);
    }

    public async Task<GatewayStatus> QueryAsync(GatewayOrder order, CancellationToken cancellationToken)
    {
        var now = GatewayProtocol.Time(clock.GetUtcNow().UtcDateTime);
        var request = new MerchantRequest
        {
            RequestId = Guid.NewGuid().ToString("N"),
            Version = "2.1.0",
            Command = "querydr",
            TmnCode = _gateway.TmnCode,
            TxnRef = order.Id,
            OrderInfo = "Doi soat " + order.Id,
            TransactionDate = GatewayProtocol.Time(order.CreatedAt),
            CreateDate = now,
            IpAddr = "127.0.0.1",
        };
        request.SecureHash = GatewayProtocol.SignFields(_gateway.HashSecret, request.RequestId, request.Version, request.Command, request.TmnCode,
            request.TxnRef, request.TransactionDate, request.CreateDate, request.IpAddr, request.OrderInfo);
        var answer = await CallAsync(request, cancellationToken);
        return new GatewayStatus(answer.ResponseCode ?? "99", answer.TransactionStatus, GatewayProtocol.Dong(answer.Amount), answer.TransactionNo);
    }

    /// <summary>Asks the gateway to give back <paramref name="amount"/> đồng of a paid order; answers the refund's transaction number.</summary>
    public async Task<string> RefundAsync(GatewayOrder order, long amount, string by, CancellationToken cancellationToken)
    {
        var request = new MerchantRequest
        {
            RequestId = Guid.NewGuid().ToString("N"),
            Version = "2.1.0",
            Command = "refund",
            TmnCode = _gateway.TmnCode,
            TransactionType = amount == order.Amount ? "02" : "03",
            TxnRef = order.Id,
            Amount = GatewayProtocol.Amount(amount),
            TransactionNo = order.GatewayTransaction,
            TransactionDate = GatewayProtocol.Time(order.CreatedAt),
            CreateBy = by,
            CreateDate = GatewayProtocol.Time(clock.GetUtcNow().UtcDateTime),
            IpAddr = "127.0.0.1",
            OrderInfo = "Hoan tien " + order.Id,
        };
        request.SecureHash = GatewayProtocol.SignFields(_gateway.HashSecret, request.RequestId, request.Version, request.Command, request.TmnCode,
            request.TransactionType, request.TxnRef, request.Amount, request.TransactionNo, request.TransactionDate, request.CreateBy,
            request.CreateDate, request.IpAddr, request.OrderInfo);
        var answer = await CallAsync(request, cancellationToken);
        return answer.ResponseCode == "00" && answer.TransactionNo is { } number
            ? number
            : throw new GatewayUnavailableException("refund refused: " + answer.ResponseCode);
    }

    private async Task<MerchantAnswer> CallAsync(MerchantRequest request, CancellationToken cancellationToken)
    {
        if (!_gateway.Enabled)
        {
            throw new GatewayUnavailableException("no gateway configured");
        }

        try
        {
            return await breaker.Pipeline.ExecuteAsync(async outer =>
            {
                using var response = await _pipeline.ExecuteAsync(async token =>
                    await http.PostAsJsonAsync(_gateway.BaseUrl.TrimEnd('/') + "/merchant_webapi/api/transaction", request, token), outer);
                response.EnsureSuccessStatusCode();
                var answer = await response.Content.ReadFromJsonAsync<MerchantAnswer>(outer) ?? throw new GatewayUnavailableException("empty answer");
                // The answer is signed too: a forged or garbled one is not believed.
                return GatewayProtocol.VerifyFields(_gateway.HashSecret, answer.SecureHash, answer.ResponseId, answer.Command, answer.ResponseCode,
                    answer.TmnCode, answer.TxnRef, answer.Amount, answer.TransactionNo, answer.TransactionStatus)
                    ? answer
                    : throw new GatewayUnavailableException("the gateway's answer has a wrong signature");
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or System.Text.Json.JsonException or BrokenCircuitException)
        {
            throw new GatewayUnavailableException(exception.Message, exception);
        }
    }

    private sealed class MerchantRequest
    {
        [JsonPropertyName("vnp_RequestId")] public string RequestId { get; init; } = "";
        [JsonPropertyName("vnp_Version")] public string Version { get; init; } = "";
        [JsonPropertyName("vnp_Command")] public string Command { get; init; } = "";
        [JsonPropertyName("vnp_TmnCode")] public string TmnCode { get; init; } = "";
        [JsonPropertyName("vnp_TransactionType")] public string? TransactionType { get; init; }
        [JsonPropertyName("vnp_TxnRef")] public string TxnRef { get; init; } = "";
        [JsonPropertyName("vnp_Amount")] public string? Amount { get; init; }
        [JsonPropertyName("vnp_TransactionNo")] public string? TransactionNo { get; init; }
        [JsonPropertyName("vnp_OrderInfo")] public string OrderInfo { get; init; } = "";
        [JsonPropertyName("vnp_TransactionDate")] public string TransactionDate { get; init; } = "";
        [JsonPropertyName("vnp_CreateBy")] public string? CreateBy { get; init; }
        [JsonPropertyName("vnp_CreateDate")] public string CreateDate { get; init; } = "";
        [JsonPropertyName("vnp_IpAddr")] public string IpAddr { get; init; } = "";
        [JsonPropertyName("vnp_SecureHash")] public string SecureHash { get; set; } = "";
    }

    private sealed class MerchantAnswer
    {
        [JsonPropertyName("vnp_ResponseId")] public string? ResponseId { get; init; }
        [JsonPropertyName("vnp_Command")] public string? Command { get; init; }
        [JsonPropertyName("vnp_ResponseCode")] public string? ResponseCode { get; init; }
        [JsonPropertyName("vnp_TmnCode")] public string? TmnCode { get; init; }
        [JsonPropertyName("vnp_TxnRef")] public string? TxnRef { get; init; }
        [JsonPropertyName("vnp_Amount")] public string? Amount { get; init; }
        [JsonPropertyName("vnp_TransactionNo")] public string? TransactionNo { get; init; }
        [JsonPropertyName("vnp_TransactionStatus")] public string? TransactionStatus { get; init; }
        [JsonPropertyName("vnp_SecureHash")] public string? SecureHash { get; init; }
    }
}
