using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MotCua.Web.Demo;

/// <summary>
/// The demo's signing certificate. On a fresh clone the default PKCS#12 file that configuration names
/// (<c>MotCua:Signing:Default</c>) does not exist yet, so the demo makes a test CA and a certificate under it, as
/// <c>scripts/test-ca.sh</c> does, and writes the CA where <c>MotCua:Signing:TrustedRoots</c> points: a leader approving
/// a PDF result in the demo signs it. Valid 1/1/2020–31/12/2039, so that the generated past can be signed too. Only
/// the demo seeding calls it, which Production refuses; a real unit signs with a licensed CA's certificate.
/// </summary>
internal static class DemoCertificate
{
    private static readonly DateTimeOffset ValidFrom = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ValidTo = new(2039, 12, 31, 23, 59, 59, TimeSpan.Zero);

    public static void EnsureExists(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("MotCua:Signing:Default");
        if (section["Pkcs12Path"] is not { Length: > 0 } path || File.Exists(Path.GetFullPath(path, environment.ContentRootPath)))
        {
            return;
        }

        using var caKey = RSA.Create(3072);
        var caRequest = new CertificateRequest("CN=MotCua Demo CA, O=MotCua Demo, C=VN", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(ValidFrom, ValidTo);

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=MotCua Demo, O=MotCua Demo, C=VN", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var issued = request.Create(ca, ValidFrom, ValidTo, RandomNumberGenerator.GetBytes(16));
        using var own = issued.CopyWithPrivateKey(key);
        using var caPublic = X509CertificateLoader.LoadCertificate(ca.RawData);

        Write(environment, path, new X509Certificate2Collection { own, caPublic }.Export(X509ContentType.Pkcs12, section["Password"])!);
        if (configuration["MotCua:Signing:TrustedRoots"] is { Length: > 0 } roots && !File.Exists(Path.GetFullPath(roots, environment.ContentRootPath)))
        {
            Write(environment, roots, System.Text.Encoding.ASCII.GetBytes(caPublic.ExportCertificatePem()));
        }
    }

    private static void Write(IHostEnvironment environment, string path, byte[] content)
    {
        var file = Path.GetFullPath(path, environment.ContentRootPath);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, content);
    }
}
