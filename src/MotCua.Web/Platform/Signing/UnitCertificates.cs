using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MotCua.Web.Platform.Signing;

/// <summary>The certificate a unit signs with: its own certificate with the private key, and the CA certificates above it.</summary>
internal sealed record UnitCertificate(X509Certificate2 Certificate, X509Certificate2Collection Chain);

/// <summary>Where a unit's signing certificate comes from.</summary>
internal interface IUnitCertificates
{
    /// <summary>The certificate of <paramref name="unitCode"/>, else the default one; null when neither is configured.</summary>
    UnitCertificate? For(string unitCode);
}

/// <summary>
/// PKCS#12 files named in configuration: <c>MotCua:Signing:Units:{unitCode}:Pkcs12Path</c> and <c>:Password</c>,
/// falling back to <c>MotCua:Signing:Default:Pkcs12Path</c> and <c>:Password</c>. Relative paths are under the content root.
/// A file is read once; a file that is named but cannot be read is an error, not a silent "no certificate".
/// </summary>
internal sealed class Pkcs12UnitCertificates(IConfiguration configuration, IHostEnvironment environment) : IUnitCertificates
{
    private readonly ConcurrentDictionary<string, UnitCertificate> _loaded = new(StringComparer.Ordinal);

    public UnitCertificate? For(string unitCode)
    {
        var section = configuration.GetSection($"MotCua:Signing:Units:{unitCode}");
        if (string.IsNullOrWhiteSpace(section["Pkcs12Path"]))
        {
            section = configuration.GetSection("MotCua:Signing:Default");
        }

        var path = section["Pkcs12Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var fullPath = Path.GetFullPath(path, environment.ContentRootPath);
        return _loaded.GetOrAdd(fullPath, file => Load(file, section["Password"]));
    }

    private static UnitCertificate Load(string file, string? password)
    {
        if (!File.Exists(file))
        {
            throw new SigningException(SigningFailure.CertificateUnreadable, $"PKCS#12 file {file} does not exist");
        }

        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12CollectionFromFile(file, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException exception)
        {
            throw new SigningException(SigningFailure.CertificateUnreadable, $"PKCS#12 file {file} cannot be read", exception);
        }

        var own = all.FirstOrDefault(certificate => certificate.HasPrivateKey)
            ?? throw new SigningException(SigningFailure.CertificateUnreadable, $"PKCS#12 file {file} holds no private key");
        var chain = new X509Certificate2Collection(all.Where(certificate => !ReferenceEquals(certificate, own)).ToArray());
        return new UnitCertificate(own, chain);
    }
}
