using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MotCua.Web.Integration.Outbox;

namespace MotCua.Web.Integration.Notices;

/// <summary>
/// Sends SMS notices to an HTTP SMS gateway: <c>POST {Url}</c> with HTTP Basic credentials, a JSON body (recipient,
/// registered template id, text) and an <c>Idempotency-Key</c> header that names the outbox row. Delivery is at least
/// once, so the same message may reach the gateway twice (a node killed after the gateway accepted it, or an answer lost
/// on the way back); the gateway drops the second one by its key, and the person gets the SMS once.
/// A 4xx answer (bad number, unknown template, wrong credentials) will not get better by retrying: it is a dead letter at once.
/// </summary>
internal sealed class SmsGatewaySink(IHttpClientFactory clients, SmsGatewayOptions options, Platform.Http.OutsideBreaker<SmsGatewaySink> breaker)
    : INotificationSink
{
    public const string Client = "sms-gateway";

    /// <summary>Sends through the gateway's circuit breaker: while it is open the outbox gives the message its attempt back.</summary>
    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        breaker.Pipeline.ExecuteAsync(async token => await SendOnceAsync(message, token), cancellationToken).AsTask();

    private async Task SendOnceAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var template = message.Template is { } key && options.Templates.TryGetValue(key.Replace("Notice.", "", StringComparison.Ordinal), out var id)
            ? id
            : options.DefaultTemplate;
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            // A sized body: gateways commonly refuse chunked requests.
            Content = new StringContent(JsonSerializer.Serialize(new { to = message.Recipient, templateId = template, text = message.Body }),
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(options.UserName + ":" + options.Password)));
        request.Headers.Add("Idempotency-Key", NoticeKey.Of(message));
        using var response = await clients.CreateClient(Client).SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        var reason = $"SMS gateway answered {(int)response.StatusCode}: {answer[..Math.Min(answer.Length, 300)]}";
        throw (int)response.StatusCode is >= 400 and < 500 and not (int)HttpStatusCode.TooManyRequests and not (int)HttpStatusCode.RequestTimeout
            ? new NoticeRejectedException(reason)
            : new HttpRequestException(reason);
    }
}

/// <summary>The outside system refused the message for good: retrying cannot help.</summary>
internal sealed class NoticeRejectedException(string message) : Exception(message);

/// <summary>The idempotency key of a message: the same for every attempt at it, and different for any other message.</summary>
internal static class NoticeKey
{
    public static string Of(OutboxMessage message) =>
        $"motcua-{message.Id}-{message.CreatedAt.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture)}";
}
