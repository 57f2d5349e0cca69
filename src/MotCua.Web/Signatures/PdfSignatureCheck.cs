using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace MotCua.Web.Signatures;

/// <summary>What a PDF's last signature says about it.</summary>
internal sealed record PdfSignatureFacts(
    bool Present,
    bool Intact,
    bool CoversWholeFile,
    bool Trusted,
    X509Certificate2? Signer,
    DateTimeOffset? ClaimedTime,
    string? SubFilter);

/// <summary>
/// Reads the last signature of a PDF independently of how it was made: its <c>/ByteRange</c>, the CMS in <c>/Contents</c>, whether the
/// CMS signs exactly those bytes (its message digest), whether the ranges cover the whole file but the signature value (nothing appended
/// or changed since), and whether the signer's certificate chains to a trusted root at the claimed signing time.
/// </summary>
internal static partial class PdfSignatureCheck
{
    public static PdfSignatureFacts Check(byte[] pdf, X509Certificate2Collection trustedRoots)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var ranges = ByteRange().Matches(text);
        if (ranges.Count == 0)
        {
            return new PdfSignatureFacts(false, false, false, false, null, null, null);
        }

        var last = ranges[^1];
        var range = Enumerable.Range(1, 4).Select(i => long.Parse(last.Groups[i].Value, CultureInfo.InvariantCulture)).ToArray();
        var (start1, length1, start2, length2) = (range[0], range[1], range[2], range[3]);
        if (start1 < 0 || length1 < 0 || start2 < start1 + length1 || length2 < 0 || start2 + length2 > pdf.Length || start2 - (start1 + length1) < 2)
        {
            return new PdfSignatureFacts(true, false, false, false, null, null, null);
        }

        var dictionaryStart = text.LastIndexOf("<<", (int)(start1 + length1), StringComparison.Ordinal);
        var subFilter = dictionaryStart >= 0 ? SubFilter().Match(text, dictionaryStart) is { Success: true } s ? s.Groups[1].Value : null : null;
        var claimed = dictionaryStart >= 0 && SigningTime().Match(text, dictionaryStart) is { Success: true } m ? ParsePdfDate(m.Groups[1].Value) : null;
        var coversWholeFile = start1 == 0 && start2 + length2 == pdf.Length;
        var hex = text.Substring((int)(start1 + length1) + 1, (int)(start2 - start1 - length1) - 2);
        SignedCms cms;
        try
        {
            var der = Convert.FromHexString(hex);
            AsnDecoder.ReadEncodedValue(der, AsnEncodingRules.BER, out _, out _, out var used);
            var signed = new byte[length1 + length2];
            pdf.AsSpan((int)start1, (int)length1).CopyTo(signed);
            pdf.AsSpan((int)start2, (int)length2).CopyTo(signed.AsSpan((int)length1));
            cms = new SignedCms(new ContentInfo(signed), detached: true);
            cms.Decode(der.AsSpan(0, used));
        }
        catch (Exception exception) when (exception is FormatException or AsnContentException or CryptographicException)
        {
            return new PdfSignatureFacts(true, false, coversWholeFile, false, null, claimed, subFilter);
        }

        var signer = cms.SignerInfos.Count > 0 ? cms.SignerInfos[0].Certificate : null;
        bool intact;
        try
        {
            cms.CheckSignature(verifySignatureOnly: true);
            intact = signer is not null;
        }
        catch (CryptographicException)
        {
            intact = false;
        }

        return new PdfSignatureFacts(true, intact, coversWholeFile, signer is not null && Chains(signer, cms.Certificates, trustedRoots, claimed), signer, claimed, subFilter);
    }

    private static bool Chains(X509Certificate2 signer, X509Certificate2Collection included, X509Certificate2Collection trustedRoots, DateTimeOffset? at)
    {
        if (trustedRoots.Count == 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trustedRoots);
        chain.ChainPolicy.ExtraStore.AddRange(included);
        // Revocation needs the CA's CRL or OCSP responder, which a test CA does not run; the chain and validity are checked.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (at is { } time)
        {
            chain.ChainPolicy.VerificationTime = time.UtcDateTime;
        }

        return chain.Build(signer);
    }

    /// <summary>A PDF date (<c>D:20261207143000+07'00'</c>).</summary>
    private static DateTimeOffset? ParsePdfDate(string value)
    {
        var match = PdfDate().Match(value);
        if (!match.Success)
        {
            return null;
        }

        int Part(int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        var offset = match.Groups[8].Success ? new TimeSpan(Part(9), Part(10), 0) * (match.Groups[8].Value == "-" ? -1 : 1) : TimeSpan.Zero;
        return new DateTimeOffset(Part(1), Part(2), Part(3), Part(4), Part(5), Part(6), offset);
    }

    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")]
    private static partial Regex ByteRange();

    [GeneratedRegex(@"\G[\s\S]*?/SubFilter\s*/([A-Za-z0-9.]+)")]
    private static partial Regex SubFilter();

    [GeneratedRegex(@"\G[\s\S]*?/M\s*\((D:[^)]*)\)")]
    private static partial Regex SigningTime();

    [GeneratedRegex(@"^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:(Z)|([+-])(\d{2})'?(\d{2})'?)?")]
    private static partial Regex PdfDate();
}
