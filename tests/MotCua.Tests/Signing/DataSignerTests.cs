using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Platform.Signing;
using Shouldly;

namespace MotCua.Tests.Signing;

public sealed class DataSignerTests
{
    private static readonly byte[] Receipt = "Biên lai 1C26TAA-0000123: 50.000 đồng"u8.ToArray();

    private static CmsDataSigner Signer(TimeProvider? clock = null, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();
        var environment = new HostingEnvironment { ContentRootPath = TestCa.Folder };
        return new CmsDataSigner(new Pkcs12UnitCertificates(configuration, environment), clock ?? TimeProvider.System);
    }

    private static readonly (string, string)[] DefaultAndOwn =
    [
        ("MotCua:Signing:Default:Pkcs12Path", "default.p12"),
        ("MotCua:Signing:Default:Password", TestCa.Password),
        ($"MotCua:Signing:Units:{TestCa.OwnUnit}:Pkcs12Path", TestCa.OwnUnitPkcs12),
        ($"MotCua:Signing:Units:{TestCa.OwnUnit}:Password", TestCa.Password),
    ];

    [Fact]
    public async Task A_detached_signature_verifies_with_openssl_against_the_test_CA_and_fails_on_changed_data()
    {
        var signature = await Signer(null, DefaultAndOwn).SignDetachedAsync(TestCa.OwnUnit, Receipt, CancellationToken.None);

        signature.Signer.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false).ShouldBe("Unit " + TestCa.OwnUnit);
        var folder = Directory.CreateTempSubdirectory("motcua-cms").FullName;
        await File.WriteAllBytesAsync(Path.Combine(folder, "sig.der"), signature.Der);
        await File.WriteAllBytesAsync(Path.Combine(folder, "data"), Receipt);
        await File.WriteAllBytesAsync(Path.Combine(folder, "changed"), [.. Receipt[..^1], (byte)'X']);

        string Verify(string content) => TestCa.Run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", Path.Combine(folder, "sig.der"),
            "-content", Path.Combine(folder, content), "-CAfile", TestCa.CaPem, "-purpose", "any", "-out", "/dev/null");

        Verify("data");
        Should.Throw<InvalidOperationException>(() => Verify("changed")).Message.ShouldContain("CMS Verification failure");
    }

    [Fact]
    public async Task The_signature_names_its_certificate_by_hash_and_carries_no_signing_time()
    {
        var signature = await Signer(null, DefaultAndOwn).SignDetachedAsync("000.00.12.H50", Receipt, CancellationToken.None);

        var cms = new SignedCms(new ContentInfo(Receipt), detached: true);
        cms.Decode(signature.Der);
        cms.CheckSignature(verifySignatureOnly: true);
        var info = cms.SignerInfos[0];
        info.Certificate!.Thumbprint.ShouldBe(signature.Signer.Thumbprint);
        info.Certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false).ShouldBe("MotCua demo unit");
        info.SignedAttributes.Cast<CryptographicAttributeObject>().Select(a => a.Oid.Value)
            .ShouldBe(["1.2.840.113549.1.9.3", "1.2.840.113549.1.9.4", "1.2.840.113549.1.9.16.2.47"], ignoreOrder: true);
        var v2 = info.SignedAttributes.Cast<CryptographicAttributeObject>().Single(a => a.Oid.Value == "1.2.840.113549.1.9.16.2.47").Values[0].RawData;
        var certHash = new AsnReader(v2, AsnEncodingRules.DER).ReadSequence().ReadSequence().ReadSequence().ReadOctetString();
        certHash.ShouldBe(SHA256.HashData(signature.Signer.RawData));
        cms.Certificates.Cast<System.Security.Cryptography.X509Certificates.X509Certificate2>().Select(c => c.Subject)
            .ShouldContain(s => s.Contains("MotCua Test CA"));
    }

    [Fact]
    public async Task Without_a_certificate_or_outside_its_validity_no_signature_is_made()
    {
        var none = await Should.ThrowAsync<SigningException>(() => Signer().SignDetachedAsync("000.00.12.H50", Receipt, CancellationToken.None));
        none.Failure.ShouldBe(SigningFailure.NoCertificate);

        var clock = new TestClock();
        clock.SetNow(DateTimeOffset.UtcNow.AddYears(20));
        var expired = await Should.ThrowAsync<SigningException>(() => Signer(clock, DefaultAndOwn).SignDetachedAsync("000.00.12.H50", Receipt, CancellationToken.None));
        expired.Failure.ShouldBe(SigningFailure.CertificateNotValidNow);

        var wrongPassword = await Should.ThrowAsync<SigningException>(() => Signer(null,
            ("MotCua:Signing:Default:Pkcs12Path", "default.p12"), ("MotCua:Signing:Default:Password", "wrong")).SignDetachedAsync("x", Receipt, CancellationToken.None));
        wrongPassword.Failure.ShouldBe(SigningFailure.CertificateUnreadable);
    }
}
