using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Demo;
using MotCua.Web.Platform.Signing;
using Shouldly;

namespace MotCua.Tests.Signing;

/// <summary>On a fresh clone the demo has no certificate yet: it makes one, so that a leader's approval signs.</summary>
public sealed class DemoCertificateTests
{
    [Fact]
    public async Task A_fresh_demo_makes_its_certificate_and_ca_and_signs_with_them_as_openssl_verifies()
    {
        var root = Directory.CreateTempSubdirectory("motcua-demo-signing").FullName;
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MotCua:Signing:Default:Pkcs12Path"] = "data/signing/default.p12",
                ["MotCua:Signing:Default:Password"] = "motcua-demo",
                ["MotCua:Signing:TrustedRoots"] = "data/signing/ca.pem",
            }).Build();
            var environment = new HostingEnvironment { ContentRootPath = root };

            DemoCertificate.EnsureExists(configuration, environment);
            var made = await File.ReadAllBytesAsync(Path.Combine(root, "data/signing/default.p12"));
            DemoCertificate.EnsureExists(configuration, environment);
            (await File.ReadAllBytesAsync(Path.Combine(root, "data/signing/default.p12"))).ShouldBe(made, "a second start keeps the certificate");

            var data = "Kết quả giải quyết hồ sơ"u8.ToArray();
            var signature = await new CmsDataSigner(new Pkcs12UnitCertificates(configuration, environment), TimeProvider.System)
                .SignDetachedAsync("000.00.01.H50", data, CancellationToken.None);
            signature.Signer.NotAfter.Year.ShouldBe(2039);
            signature.Signer.NotBefore.ShouldBeLessThanOrEqualTo(new DateTime(2020, 1, 2));
            await File.WriteAllBytesAsync(Path.Combine(root, "sig.der"), signature.Der);
            await File.WriteAllBytesAsync(Path.Combine(root, "data.bin"), data);
            TestCa.Run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", Path.Combine(root, "sig.der"), "-content", Path.Combine(root, "data.bin"),
                "-CAfile", Path.Combine(root, "data/signing/ca.pem"), "-purpose", "any", "-out", "/dev/null");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
