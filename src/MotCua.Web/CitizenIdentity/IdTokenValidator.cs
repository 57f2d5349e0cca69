using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MotCua.Web.CitizenIdentity;

/// <summary>A person as the national identity vouches for them.</summary>
internal sealed record VerifiedIdentity(string Issuer, string Subject, string IdNumber, string FullName, DateOnly BirthDate, string? Address);

/// <summary>
/// Validates an id_token as OpenID Connect Core 1.0 §3.1.3.7 asks of a client that received it from the token endpoint: an RS256
/// JWS signed by one of the provider's keys, issued by the configured issuer, for this client, not expired, and carrying the nonce
/// this browser's sign-in sent (so a token obtained for another sign-in cannot be replayed here). Then reads the person: subject,
/// the 12-digit personal identification number, full name and date of birth.
/// </summary>
internal sealed partial class IdTokenValidator(IdentityProviderClient provider, IOptions<NationalIdentityOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);

    public async Task<VerifiedIdentity> ValidateAsync(string idToken, string nonce, CancellationToken cancellationToken)
    {
        var parts = idToken.Split('.');
        if (parts.Length != 3)
        {
            throw new ProviderRejectedException("the id_token is not a compact JWS");
        }

        using var header = Parse(parts[0]);
        using var payload = Parse(parts[1]);
        // Only RS256: "none" or an HMAC algorithm keyed with a public key must never pass.
        if (Text(header.RootElement, "alg") != "RS256" || Text(header.RootElement, "kid") is not { } kid)
        {
            throw new ProviderRejectedException("the id_token is not signed with RS256 and a key id");
        }

        var key = await provider.SigningKeyAsync(kid, cancellationToken) ?? throw new ProviderRejectedException("the id_token's key is not the provider's");
        using (var rsa = RSA.Create(key))
        {
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!rsa.VerifyData(signed, Decode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                throw new ProviderRejectedException("the id_token's signature does not verify");
            }
        }

        var claims = payload.RootElement;
        var metadata = await provider.MetadataAsync(cancellationToken);
        var clientId = options.Value.ClientId;
        var now = clock.GetUtcNow();
        var audiences = claims.TryGetProperty("aud", out var aud) && aud.ValueKind == JsonValueKind.Array
            ? aud.EnumerateArray().Select(a => a.GetString()).ToList()
            : [Text(claims, "aud")];
        if (Text(claims, "iss") != metadata.Issuer)
        {
            throw new ProviderRejectedException("the id_token comes from another issuer");
        }

        if (!audiences.Contains(clientId) || (audiences.Count > 1 && Text(claims, "azp") != clientId))
        {
            throw new ProviderRejectedException("the id_token is meant for another client");
        }

        if (Seconds(claims, "exp") is not { } exp || DateTimeOffset.FromUnixTimeSeconds(exp) + Skew < now
            || Seconds(claims, "iat") is not { } iat || DateTimeOffset.FromUnixTimeSeconds(iat) - Skew > now)
        {
            throw new ProviderRejectedException("the id_token has expired or is not valid yet");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Text(claims, "nonce") ?? ""), Encoding.UTF8.GetBytes(nonce)))
        {
            throw new ProviderRejectedException("the id_token's nonce is not this sign-in's");
        }

        var subject = Text(claims, "sub");
        var idNumber = Text(claims, options.Value.IdNumberClaim);
        var name = Text(claims, "name")?.Trim();
        // OpenID Connect Core §5.1: birthdate is YYYY-MM-DD.
        var birthDate = DateOnly.TryParseExact(Text(claims, "birthdate"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born) ? born : (DateOnly?)null;
        if (string.IsNullOrEmpty(subject) || idNumber is null || !CitizenId().IsMatch(idNumber) || string.IsNullOrEmpty(name) || name.Length > 200 || birthDate is null)
        {
            throw new ProviderRejectedException("the id_token lacks the subject, the personal identification number, the name or the date of birth");
        }

        var address = claims.TryGetProperty("address", out var place) && place.ValueKind == JsonValueKind.Object ? Text(place, "formatted")?.Trim() : null;
        return new VerifiedIdentity(metadata.Issuer, subject, idNumber, name, birthDate.Value, address is { Length: > 0 and <= 300 } ? address : null);
    }

    private static JsonDocument Parse(string part)
    {
        try
        {
            return JsonDocument.Parse(Decode(part));
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            throw new ProviderRejectedException("the id_token is not well formed");
        }
    }

    private static byte[] Decode(string part)
    {
        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(part);
        }
        catch (FormatException)
        {
            throw new ProviderRejectedException("the id_token is not base64url");
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Seconds(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) ? seconds : null;

    // The personal identification number: 12 digits (Law on Identification 2023, Art. 12).
    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex CitizenId();
}
