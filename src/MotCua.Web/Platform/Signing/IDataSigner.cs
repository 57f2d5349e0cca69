using System.Security.Cryptography.X509Certificates;

namespace MotCua.Web.Platform.Signing;

/// <summary>A detached CMS signature (DER) and the certificate that made it.</summary>
internal sealed record CmsSignature(byte[] Der, X509Certificate2 Signer);

/// <summary>
/// Signs raw bytes for a unit. The built-in signer uses the unit's PKCS#12 file (<see cref="IUnitCertificates"/>);
/// an HSM or a remote signing service replaces it by registering another implementation.
/// </summary>
internal interface IDataSigner
{
    /// <summary>
    /// A CAdES-style detached CMS SignedData over <paramref name="content"/>: SHA-256, signed attributes content-type,
    /// message-digest and signing-certificate-v2, and the signer's certificate chain. No signing-time attribute: PAdES
    /// baseline forbids it (ETSI EN 319 142-1, 5.3), and callers record the time themselves.
    /// Throws <see cref="SigningException"/> when no signature can be made.
    /// </summary>
    Task<CmsSignature> SignDetachedAsync(string unitCode, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}
