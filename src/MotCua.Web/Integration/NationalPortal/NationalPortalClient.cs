using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Integration.Notices;
using MotCua.Web.Integration.Outbox;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace MotCua.Web.Integration.NationalPortal;

/// <summary>The portal's answer to a login or a sync: <c>error_code</c> "00" (or 0) is OK (check: the published adapter answers both).</summary>
internal sealed record PortalAnswer(
    [property: JsonPropertyName("error_code")] JsonElement ErrorCode,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("session")] string? Session,
    [property: JsonPropertyName("reference")] string? Reference)
{
    public bool Ok => ErrorCode.ValueKind switch
    {
        JsonValueKind.String => ErrorCode.GetString() is "00" or "0",
        JsonValueKind.Number => ErrorCode.GetInt32() == 0,
        _ => false,
    };
}

/// <summary>
/// The connection to the portal for the process: the session of its login, and one resilience pipeline, since the circuit
/// breaker's state must be shared by every call.
/// Each call has a timeout; a passing failure (a connection refused or reset, a timeout, a 5xx or 429) is retried twice with
/// a back-off; when half the calls of the sampling window fail, the breaker opens and no call goes out for a while.
/// </summary>
internal sealed class PortalConnection(NationalPortalOptions options)
{
    /// <summary>The session the portal gave at the last login; null until a login, and after the portal ended it.</summary>
    public string? Session { get; set; }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; } = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = 0.5,
            MinimumThroughput = Math.Max(2, options.BreakAfter),
            SamplingDuration = options.BreakSampling,
            BreakDuration = options.BreakFor,
            ShouldHandle = Transient,
        })
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = Math.Max(1, options.Retries),
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = Transient,
        })
        .AddTimeout(options.Timeout)
        .Build();

    /// <summary>An answer that may pass (the portal busy or down): retried, then tried again later. Any other failure is a refusal.</summary>
    public static bool Passing(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private static readonly PredicateBuilder<HttpResponseMessage> Transient = new PredicateBuilder<HttpResponseMessage>()
        .Handle<HttpRequestException>()
        .Handle<TimeoutRejectedException>()
        .HandleResult(r => Passing(r.StatusCode));
}

/// <summary>
/// Pushes one queued message to the portal and returns its acknowledgement. The protocol is the portal adapter's as the
/// one-stop systems call it (check against the spec the portal hands to each connected system): <c>POST {Url}/auth</c>
/// with the account gives a <c>session</c>; <c>POST {Url}/sync</c> with <c>{session, madonvi, service: "DongBoHoSoMC",
/// isUpdating, data: [dossier]}</c> answers <c>error_code</c> "00". A refusal of the payload (another code) is final: the message is
/// a dead letter at once. A 401 means the session ended: one new login, then the push again.
/// </summary>
internal sealed class NationalPortalClient(HttpClient http, NationalPortalOptions options, PortalConnection connection, MotCuaDbContext db, TimeProvider clock)
{
    public async Task<PortalAcknowledgement> PushAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var queued = JsonSerializer.Deserialize<PortalQueued>(message.Body, PortalSync.Json)
            ?? throw new InvalidOperationException("Empty portal message " + message.Id);
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == queued.UnitId).Select(u => new { u.Code, u.Name }).FirstAsync(cancellationToken);
        var domain = queued.Dossier.MaLinhVuc is { } domainCode
            ? await db.Domains.AsNoTracking().Where(d => d.Code == domainCode).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        var dossier = queued.Dossier with { DonViXuLy = unit.Name, TenLinhVuc = domain };
        var answer = await SyncAsync(message, unit.Code, queued.IsUpdating, dossier, cancellationToken);
        if (answer.StatusCode == HttpStatusCode.Unauthorized)
        {
            connection.Session = null;
            answer.Dispose();
            answer = await SyncAsync(message, unit.Code, queued.IsUpdating, dossier, cancellationToken);
        }

        using (answer)
        {
            var body = await Read(answer, cancellationToken);
            if (!answer.IsSuccessStatusCode || !body.Ok)
            {
                var reason = $"Cổng DVCQG trả lời {(int)answer.StatusCode}, mã {body.ErrorCode}: {body.Message}";
                throw PortalConnection.Passing(answer.StatusCode) ? new HttpRequestException(reason) : new NoticeRejectedException(reason);
            }

            return new PortalAcknowledgement
            {
                OutboxMessageId = message.Id,
                DossierId = PortalSync.DossierOf(message.Topic!),
                DossierCode = dossier.MaHoSo,
                Status = dossier.TrangThaiHoSo,
                AcknowledgedAt = clock.GetUtcNow().UtcDateTime,
                Reference = body.Reference ?? "",
            };
        }
    }

    private async Task<HttpResponseMessage> SyncAsync(OutboxMessage message, string unitCode, bool isUpdating, PortalDossier dossier,
        CancellationToken cancellationToken)
    {
        var session = connection.Session ??= await LoginAsync(cancellationToken);
        var envelope = new
        {
            session,
            madonvi = unitCode,
            service = "DongBoHoSoMC",
            isUpdating = isUpdating ? "True" : "False",
            data = new[] { dossier },
        };
        return await connection.Pipeline.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, options.Url.TrimEnd('/') + "/sync")
            {
                Content = JsonContent.Create(envelope, options: PortalSync.Json),
            };
            // The same key on every attempt at the message: the portal takes a repeat as the same message.
            request.Headers.Add("Idempotency-Key", NoticeKey.Of(message));
            await request.Content.LoadIntoBufferAsync(token);
            return await http.SendAsync(request, token);
        }, cancellationToken);
    }

    private async Task<string> LoginAsync(CancellationToken cancellationToken)
    {
        using var answer = await connection.Pipeline.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, options.Url.TrimEnd('/') + "/auth")
            {
                Content = JsonContent.Create(new { username = options.UserName, password = options.Password }),
            };
            await request.Content.LoadIntoBufferAsync(token);
            return await http.SendAsync(request, token);
        }, cancellationToken);
        var body = await Read(answer, cancellationToken);
        if (answer.IsSuccessStatusCode && body.Ok && body.Session is { Length: > 0 } session)
        {
            return session;
        }

        var reason = string.Create(CultureInfo.InvariantCulture, $"Cổng DVCQG từ chối đăng nhập ({(int)answer.StatusCode}): {body.Message}");
        throw PortalConnection.Passing(answer.StatusCode) ? new HttpRequestException(reason) : new NoticeRejectedException(reason);
    }

    private static async Task<PortalAnswer> Read(HttpResponseMessage answer, CancellationToken cancellationToken)
    {
        try
        {
            return await answer.Content.ReadFromJsonAsync<PortalAnswer>(cancellationToken) ?? new PortalAnswer(default, null, null, null);
        }
        catch (JsonException)
        {
            return new PortalAnswer(default, (int)answer.StatusCode + " " + answer.ReasonPhrase, null, null);
        }
    }
}
