using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace MotCua.Web.CitizenIdentity;

/// <summary>The provider's discovery document, the parts this client uses (OpenID Connect Discovery 1.0, §3).</summary>
internal sealed record ProviderMetadata(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("authorization_endpoint")] string AuthorizationEndpoint,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("jwks_uri")] string JwksUri);

/// <summary>The provider could not be reached, did not answer in time, or its circuit is open.</summary>
internal sealed class ProviderUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The provider answered and refused (an OAuth error such as invalid_grant), or its answer does not hold.</summary>
internal sealed class ProviderRejectedException(string message) : Exception(message);

/// <summary>
/// Talks to the national identity's OpenID provider: discovery, its signing keys (JWKS) and the token endpoint. Every call has a
/// timeout, is retried once with a back-off, and goes through a circuit breaker, so that a provider that is down costs a citizen
/// seconds, not minutes, and never touches password sign-in. Discovery and keys are kept for <see cref="NationalIdentityOptions.MetadataFor"/>;
/// an unknown key id fetches the keys again (the provider rotated them).
/// </summary>
internal sealed class IdentityProviderClient(IHttpClientFactory factory, IOptions<NationalIdentityOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "national-identity";

    private readonly NationalIdentityOptions _options = options.Value;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = Math.Max(options.Value.Retries, 1),
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            ShouldHandle = args => ValueTask.FromResult(options.Value.Retries > 0 && Failed(args.Outcome)),
        })
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = 0.5,
            MinimumThroughput = 10,
            SamplingDuration = TimeSpan.FromMinutes(1),
            BreakDuration = TimeSpan.FromSeconds(30),
            ShouldHandle = args => ValueTask.FromResult(Failed(args.Outcome)),
        })
        .AddTimeout(options.Value.Timeout)
        .Build();

    // Each is one reference, replaced whole: a request reading it while another refreshes it sees the old pair or the new one, never half of each.
    private Held<ProviderMetadata>? _metadata;
    private Held<IReadOnlyDictionary<string, RSAParameters>>? _keys;

    public async Task<ProviderMetadata> MetadataAsync(CancellationToken cancellationToken)
    {
        if (_metadata is { } held && clock.GetUtcNow() - held.At < _options.MetadataFor)
        {
            return held.Value;
        }

        var metadata = await GetAsync<ProviderMetadata>(_options.Authority.TrimEnd('/') + "/.well-known/openid-configuration", cancellationToken);
        // Discovery §4.3: the issuer in the document must be the one configured, or another provider could stand in for it.
        if (metadata is null || metadata.Issuer.TrimEnd('/') != _options.Authority.TrimEnd('/'))
        {
            throw new ProviderRejectedException("the discovery document names another issuer");
        }

        _metadata = new(metadata, clock.GetUtcNow());
        return metadata;
    }

    /// <summary>The provider's RSA signing key with this key id; null when it has none by that id, even after fetching the keys again.</summary>
    public async Task<RSAParameters?> SigningKeyAsync(string kid, CancellationToken cancellationToken)
    {
        if (_keys is not { } held || clock.GetUtcNow() - held.At >= _options.MetadataFor || !held.Value.ContainsKey(kid))
        {
            var metadata = await MetadataAsync(cancellationToken);
            var set = await GetAsync<JsonWebKeySet>(metadata.JwksUri, cancellationToken);
            var keys = (set?.Keys ?? []).Where(k => k is { Kty: "RSA", N: not null, E: not null, Kid: not null } && k.Use is null or "sig")
                .ToDictionary(k => k.Kid!, k => new RSAParameters { Modulus = System.Buffers.Text.Base64Url.DecodeFromChars(k.N!), Exponent = System.Buffers.Text.Base64Url.DecodeFromChars(k.E!) });
            _keys = held = new(keys, clock.GetUtcNow());
        }

        return held.Value.TryGetValue(kid, out var key) ? key : null;
    }

    /// <summary>Redeems an authorization code with its PKCE verifier (RFC 7636 §4.5); answers the id_token.</summary>
    public async Task<string> RedeemAsync(string code, string verifier, string redirectUri, CancellationToken cancellationToken)
    {
        var metadata = await MetadataAsync(cancellationToken);
        var fields = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
            ["client_id"] = _options.ClientId,
        };
        if (_options.ClientSecret.Length > 0)
        {
            fields["client_secret"] = _options.ClientSecret;
        }

        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, metadata.TokenEndpoint) { Content = new FormUrlEncodedContent(fields) },
            cancellationToken);
        if ((int)response.StatusCode >= 500)
        {
            throw new ProviderUnavailableException($"the token endpoint answered {(int)response.StatusCode}");
        }

        if (!response.IsSuccessStatusCode)
        {
            // RFC 6749 §5.2: invalid_grant for a code that is unknown, used, or bound to another redirect_uri or verifier.
            throw new ProviderRejectedException($"the token endpoint answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var answer = await ReadAsync<TokenAnswer>(response, cancellationToken);
        return answer?.IdToken ?? throw new ProviderRejectedException("the token answer has no id_token");
    }

    private async Task<T?> GetAsync<T>(string url, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ProviderUnavailableException($"{url} answered {(int)response.StatusCode}");
        }

        return await ReadAsync<T>(response, cancellationToken);
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new ProviderRejectedException("the provider's answer is not the JSON expected: " + exception.Message);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var http = factory.CreateClient(HttpClientName);
        try
        {
            return await _pipeline.ExecuteAsync(async token =>
            {
                using var message = request();
                return await http.SendAsync(message, token);
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException)
        {
            throw new ProviderUnavailableException(exception.Message, exception);
        }
    }

    private static bool Failed(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException || outcome.Result is { StatusCode: >= System.Net.HttpStatusCode.InternalServerError };

    private sealed record JsonWebKeySet([property: JsonPropertyName("keys")] List<JsonWebKey>? Keys);

    private sealed record JsonWebKey(
        [property: JsonPropertyName("kty")] string? Kty,
        [property: JsonPropertyName("use")] string? Use,
        [property: JsonPropertyName("kid")] string? Kid,
        [property: JsonPropertyName("n")] string? N,
        [property: JsonPropertyName("e")] string? E);

    private sealed record TokenAnswer([property: JsonPropertyName("id_token")] string? IdToken);

    private sealed record Held<T>(T Value, DateTimeOffset At);
}
