namespace MotCua.Web.Privacy;

/// <summary>
/// Masks for identity and phone numbers wherever many dossiers are listed and on the public tracking page; only the
/// dossier's own workspace shows them whole (and logs the read). The tracking page accepts the last four digits of
/// either number as its check value, so a mask never shows four trailing digits: it keeps the last two (and a phone's
/// three-digit network prefix, which identifies no one).
/// </summary>
internal static class Mask
{
    private const char Hidden = '•';

    public static string IdNumber(string? value) => Keep(value, head: 0, tail: 2);

    public static string? Phone(string? value) => string.IsNullOrEmpty(value) ? value : Keep(value, head: 3, tail: 2);

    private static string Keep(string? value, int head, int tail)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        // Too short to keep anything and still hide most of it.
        if (value.Length < head + tail + 4)
        {
            return new string(Hidden, value.Length);
        }

        return string.Concat(value.AsSpan(0, head), new string(Hidden, value.Length - head - tail), value.AsSpan(value.Length - tail));
    }
}
