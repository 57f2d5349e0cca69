using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace MotCua.Web.Platform.Signing;

/// <summary>Signs in process with the unit's certificate from <see cref="IUnitCertificates"/>.</summary>
internal sealed class CmsDataSigner(IUnitCertificates certificates, TimeProvider clock) : IDataSigner
{
    private const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";

    public Task<CmsSignature> SignDetachedAsync(string unitCode, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var unit = certificates.For(unitCode) ?? throw new SigningException(SigningFailure.NoCertificate, $"No signing certificate for unit {unitCode}");
        var now = clock.GetUtcNow();
        if (now < unit.Certificate.NotBefore.ToUniversalTime() || now > unit.Certificate.NotAfter.ToUniversalTime())
        {
            throw new SigningException(SigningFailure.CertificateNotValidNow, $"The certificate of unit {unitCode} is not valid at {now:O}");
        }

        var cms = new SignedCms(new ContentInfo(content.ToArray()), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, unit.Certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.Certificates.AddRange(unit.Chain);
        signer.SignedAttributes.Add(new AsnEncodedData(SigningCertificateV2Oid, SigningCertificateV2(unit.Certificate)));
        try
        {
            cms.ComputeSignature(signer, silent: true);
        }
        catch (CryptographicException exception)
        {
            throw new SigningException(SigningFailure.SignerUnavailable, $"Signing for unit {unitCode} failed", exception);
        }

        return Task.FromResult(new CmsSignature(cms.Encode(), unit.Certificate));
    }

    /// <summary>
    /// SigningCertificateV2 (RFC 5035): the SHA-256 hash of the signer's certificate and its issuer and serial, so that
    /// the certificate cannot be swapped for another with the same key. SHA-256 is the default hashAlgorithm, so it is left out.
    /// </summary>
    private static byte[] SigningCertificateV2(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteOctetString(SHA256.HashData(certificate.RawData));
                    using (writer.PushSequence())
                    {
                        using (writer.PushSequence())
                        {
                            // GeneralName directoryName [4] wraps the issuer's Name.
                            var directoryName = new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true);
                            using (writer.PushSequence(directoryName))
                            {
                                writer.WriteEncodedValue(certificate.IssuerName.RawData);
                            }
                        }

                        writer.WriteInteger(certificate.SerialNumberBytes.Span);
                    }
                }
            }
        }

        return writer.Encode();
    }
}
