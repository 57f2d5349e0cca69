using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MotCua.Web.Payments;

/// <summary>
/// The signatures of a VNPAY-style gateway (API 2.1.0, as the national portal's payment platform and the common Vietnamese
/// gateways work): the redirect, the return and the IPN carry <c>vnp_*</c> parameters, sorted by name, values percent-encoded
/// (RFC 3986), joined as a query string and signed with HMAC-SHA512 under the merchant's secret in <c>vnp_SecureHash</c>;
/// the merchant API (status query, refund) signs its fields joined by '|'. Amounts travel in đồng × 100.
/// </summary>
internal static class GatewayProtocol
{
    public const string Hash = "vnp_SecureHash";

    public static string Canonical(IEnumerable<KeyValuePair<string, string>> fields) => string.Join('&', fields
        .Where(f => f.Key.StartsWith("vnp_", StringComparison.Ordinal) && f.Key is not Hash and not "vnp_SecureHashType" && f.Value.Length > 0)
        .OrderBy(f => f.Key, StringComparer.Ordinal)
        .Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value)));

    public static string Sign(string secret, string data) =>
        Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(data)));

    public static string SignFields(string secret, params string?[] fields) => Sign(secret, string.Join('|', fields.Select(f => f ?? "")));

    public static bool Verify(string secret, IEnumerable<KeyValuePair<string, string>> fields, string? hash) =>
        hash is { Length: 128 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, Canonical(fields))),
            Encoding.ASCII.GetBytes(hash.ToLowerInvariant()));

    public static bool VerifyFields(string secret, string? hash, params string?[] fields) =>
        hash is { Length: 128 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SignFields(secret, fields)),
            Encoding.ASCII.GetBytes(hash.ToLowerInvariant()));

    /// <summary>The gateway's time format: yyyyMMddHHmmss in Vietnam time.</summary>
    public static string Time(DateTime utc) => Calendar.VietnamTime.FromUtc(utc).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public static string Amount(long dong) => (dong * 100).ToString(CultureInfo.InvariantCulture);

    public static long? Dong(string? amount) => long.TryParse(amount, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value % 100 == 0
        ? value / 100 : null;
}
