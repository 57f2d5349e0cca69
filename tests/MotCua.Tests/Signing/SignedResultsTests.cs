using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Workflow;
using MotCua.Web;
using MotCua.Web.Dossiers;
using MotCua.Web.Reporting;
using MotCua.Web.Reporting.Outputs;
using MotCua.Web.Signatures;
using Shouldly;

namespace MotCua.Tests.Signing;

/// <summary>
/// The leader's approval signs the PDF result (PAdES) with the unit's certificate: poppler's pdfsig, trusting the test CA, finds the
/// signature valid and a changed copy invalid; a signed result can no longer be changed; a failed signature leaves the dossier as it
/// was and says why; the verification API says who signed, when, and whether the file is the one MotCua recorded.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SignedResultsTests(MotCuaFactory app)
{
    private readonly WorkflowApiTests _flow = new(app);

    /// <summary>A dossier at the leader's approval with a PDF result attached: the client of the leader, the code and the version.</summary>
    private async Task<(string Unit, HttpClient Leader, string Code, int Version)> AtApprovalAsync(byte[] result)
    {
        var (unit, desk, _, specialist, leader) = await _flow.ArrangeAsync();
        var code = await _flow.ReceiveAsync(desk, null);
        var started = await _flow.ActAsync(desk, code, "start", null, new { version = 1 });
        var atLeader = await _flow.ActAsync(specialist, code, "forward", null, new { version = WorkflowApiTests.Version(started) });
        var attached = await leader.PostAsync($"/api/v1/dossiers/{code}/results", ResultsApiTests.Upload(WorkflowApiTests.Version(atLeader), ("Quyết định.pdf", result)));
        attached.StatusCode.ShouldBe(HttpStatusCode.OK, await attached.Content.ReadAsStringAsync());
        return (unit, leader, code, (await attached.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dossier").GetProperty("version").GetInt32());
    }

    private async Task<byte[]> DownloadResultAsync(HttpClient client, string code)
    {
        var (id, fileId) = app.WithDb(db => db.Dossiers.AsNoTracking().Where(d => d.Code == code)
            .Select(d => new { d.Id, File = d.Files.Single(f => f.Kind == DossierFileKind.Result).Id }).AsEnumerable().Select(x => (x.Id, x.File)).Single());
        var response = await client.GetAsync($"/api/v1/dossiers/{id}/files/{fileId}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }

    internal static string Pdfsig(byte[] pdf)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("motcua-pdfsig").FullName, "ket-qua.pdf");
        File.WriteAllBytes(path, pdf);
        // pdfsig exits non-zero when a signature is not valid; its report is what the test reads.
        try
        {
            return TestCa.Run("pdfsig", "-nssdir", "sql:" + TestCa.NssDirectory, path);
        }
        catch (InvalidOperationException failed)
        {
            return failed.Message;
        }
    }

    internal static async Task<JsonElement> VerifyAsync(HttpClient client, byte[] pdf, Guid? record = null)
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(pdf);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(part, "file", "ket-qua.pdf");
        if (record is { } id)
        {
            content.Add(new StringContent(id.ToString()), "record");
        }

        var response = await client.PostAsync("/api/v1/signatures/verify", content);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task The_leaders_approval_signs_the_result_as_PAdES_that_pdfsig_trusts_and_a_changed_copy_fails()
    {
        var (_, leader, code, version) = await AtApprovalAsync(ResultsApiTests.Pdf);

        var processed = await _flow.ActAsync(leader, code, "forward", null, new { version, note = "Đồng ý" });

        processed.GetProperty("nationalState").GetInt32().ShouldBe(9);
        var signed = await DownloadResultAsync(leader, code);
        var report = Pdfsig(signed);
        report.ShouldContain("Signature Type: ETSI.CAdES.detached");
        report.ShouldContain("Signature Validation: Signature is Valid.");
        report.ShouldContain("Certificate Validation: Certificate is Trusted.");
        report.ShouldContain("Signer Certificate Common Name: MotCua demo unit");
        report.ShouldContain("Total document signed");

        var record = app.WithDb(db => db.SignedDocuments.AsNoTracking().Single(s => s.DossierCode == code));
        record.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(signed)));
        record.OriginalSha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(ResultsApiTests.Pdf)));
        var file = app.WithDb(db => db.Dossiers.AsNoTracking().Where(d => d.Code == code).SelectMany(d => d.Files).Single());
        file.SignedAt.ShouldNotBeNull();
        file.Sha256.ShouldBe(record.Sha256);
        var history = app.WithDb(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == "dossier.processed" && e.After!.Contains(record.Id.ToString())).Count());
        history.ShouldBe(1);

        // One byte changed in the signed part (the comment line after the header, so the file still opens): the digest no longer matches.
        var tampered = (byte[])signed.Clone();
        var at = signed.AsSpan().IndexOf((byte)'\n') + 2;
        tampered[at] ^= 0x01;
        Pdfsig(tampered).ShouldContain("Signature Validation: Digest Mismatch.");

        var anyone = app.CreateClient();
        var valid = await VerifyAsync(anyone, signed);
        valid.GetProperty("valid").GetBoolean().ShouldBeTrue();
        valid.GetProperty("signerName").GetString().ShouldBe("MotCua demo unit");
        valid.GetProperty("matchesRecord").GetBoolean().ShouldBeTrue();
        valid.GetProperty("record").GetProperty("dossierCode").GetString().ShouldBe(code);
        valid.GetProperty("subFilter").GetString().ShouldBe("ETSI.CAdES.detached");
        var changed = await VerifyAsync(anyone, tampered, record.Id);
        changed.GetProperty("signatureIntact").GetBoolean().ShouldBeFalse();
        changed.GetProperty("valid").GetBoolean().ShouldBeFalse();
        changed.GetProperty("matchesRecord").GetBoolean().ShouldBeFalse();
        // Bytes added after the signature (an incremental update) leave it intact but no longer covering the file.
        var appended = await VerifyAsync(anyone, [.. signed, .. "\n% added\n"u8.ToArray()]);
        appended.GetProperty("signatureIntact").GetBoolean().ShouldBeTrue();
        appended.GetProperty("coversWholeDocument").GetBoolean().ShouldBeFalse();
        appended.GetProperty("valid").GetBoolean().ShouldBeFalse();
        var unsigned = await VerifyAsync(anyone, ResultsApiTests.Pdf);
        unsigned.GetProperty("signaturePresent").GetBoolean().ShouldBeFalse();
        (await anyone.GetFromJsonAsync<JsonElement>($"/api/v1/signatures/{record.Id}")).GetProperty("sha256").GetString().ShouldBe(record.Sha256);
    }

    [Fact]
    public async Task A_signed_result_can_no_longer_be_added_to()
    {
        var (_, leader, code, version) = await AtApprovalAsync(ResultsApiTests.Pdf);
        var processed = await _flow.ActAsync(leader, code, "forward", null, new { version });

        var refused = await (await leader.PostAsync($"/api/v1/dossiers/{code}/results",
            ResultsApiTests.Upload(WorkflowApiTests.Version(processed), ("thay-the.pdf", ResultsApiTests.Pdf)))).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        refused.GetProperty("type").GetString().ShouldEndWith("result-signed");
        refused.GetProperty("title").GetString()!.ShouldContain("đã được ký số");
        app.WithDb(db => db.Dossiers.AsNoTracking().Where(d => d.Code == code).SelectMany(d => d.Files).Count()).ShouldBe(1);
    }

    [Fact]
    public async Task A_signature_that_fails_leaves_the_dossier_as_it_was_and_tells_the_leader_why()
    {
        var (unit, leader, code, version) = await AtApprovalAsync(ResultsApiTests.Pdf);
        var before = app.WithDb(db => db.Dossiers.AsNoTracking().Where(d => d.Code == code).SelectMany(d => d.Files).Single().StoragePath);
        // The unit's own certificate file is configured with a wrong password.
        var configuration = app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        configuration[$"MotCua:Signing:Units:{unit}:Pkcs12Path"] = TestCa.OwnUnitPkcs12;
        configuration[$"MotCua:Signing:Units:{unit}:Password"] = "sai-mat-khau";

        var refused = await (await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/forward", new { version })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        refused.GetProperty("title").GetString().ShouldBe(
            "Không ký số được kết quả, hồ sơ giữ nguyên như trước: Không đọc được tệp chứng thư số của đơn vị (sai đường dẫn hoặc mật khẩu).");
        var dossier = app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code));
        dossier.Version.ShouldBe(version);
        dossier.State.ShouldBe(DossierState.Processing);
        dossier.Files.Single().StoragePath.ShouldBe(before);
        dossier.Files.Single().SignedAt.ShouldBeNull();
        app.WithDb(db => db.SignedDocuments.Count(s => s.DossierCode == code)).ShouldBe(0);

        // With the password put right the same approval goes through, signed with the unit's own certificate.
        configuration[$"MotCua:Signing:Units:{unit}:Password"] = TestCa.Password;
        (await _flow.ActAsync(leader, code, "forward", null, new { version })).GetProperty("nationalState").GetInt32().ShouldBe(9);
        app.WithDb(db => db.SignedDocuments.Single(s => s.DossierCode == code).CertificateSubject).ShouldContain("CN=Unit " + TestCa.OwnUnit);
    }

    [Fact]
    public async Task A_result_that_is_no_PDF_it_can_open_is_refused_at_approval_with_its_name()
    {
        var (_, leader, code, version) = await AtApprovalAsync("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray());

        var refused = await (await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/forward", new { version })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        refused.GetProperty("title").GetString()!.ShouldContain("Quyết_định.pdf không mở được để ký");
        app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code).Version).ShouldBe(version);
    }

    [Fact]
    public async Task The_share_of_results_signed_feeds_Decision_766_for_the_unit()
    {
        var (unit, leader, code, version) = await AtApprovalAsync(ResultsApiTests.Pdf);
        await _flow.ActAsync(leader, code, "forward", null, new { version });
        // A second dossier decided with a result that is not a PDF: an electronic result, but not signed.
        var desk = await app.SignInAsync(await app.CreateStaffAsync(MotCua.Web.Identity.StaffRole.DeskOfficer, unit));
        var specialist = await app.SignInAsync(await app.CreateStaffAsync(MotCua.Web.Identity.StaffRole.Specialist, unit));
        var other = await _flow.ReceiveAsync(desk, null);
        var started = await _flow.ActAsync(desk, other, "start", null, new { version = 1 });
        var atLeader = await _flow.ActAsync(specialist, other, "forward", null, new { version = WorkflowApiTests.Version(started) });
        var png = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]);
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var upload = new MultipartFormDataContent { { new StringContent(WorkflowApiTests.Version(atLeader).ToString(System.Globalization.CultureInfo.InvariantCulture)), "version" }, { png, "files", "ket-qua.png" } };
        var attached = await leader.PostAsync($"/api/v1/dossiers/{other}/results", upload);
        attached.StatusCode.ShouldBe(HttpStatusCode.OK, await attached.Content.ReadAsStringAsync());
        await _flow.ActAsync(leader, other, "forward", null, new { version = (await attached.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dossier").GetProperty("version").GetInt32() });

        var today = MotCua.Web.Dossiers.DossierTime.VietnamDate(DateTime.UtcNow);
        using var scope = app.Services.CreateScope();
        var source = scope.ServiceProvider.GetServices<IDecision766Source>().OfType<SignedResultsShare>().Single();
        var measured = await source.MeasureAsync(new ReportQuery(today.AddDays(-1), today.AddDays(1), unit), CancellationToken.None);

        measured[Decision766Input.SignedResultsShare].Part.ShouldBe(1);
        measured[Decision766Input.SignedResultsShare].Whole.ShouldBe(2);
    }
}
