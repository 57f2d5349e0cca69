using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Forms;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Signatures;
using Shouldly;

namespace MotCua.Tests.Signing;

/// <summary>
/// Slips the unit issues as PDF are signed with its certificate (PAdES) and recorded, copy by copy: pdfsig trusts the signature, the
/// verification API finds the record, the history says who issued it; a slip that cannot be signed is not issued at all.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SignedSlipsTests(MotCuaFactory app)
{
    private async Task<(string Unit, HttpClient Desk, string Id, string Code)> ReceivedAsync()
    {
        var (unit, desk) = await app.DeskAsync("1.004873");
        var response = await desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body("1.004873"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (unit, desk, json.GetProperty("id").GetString()!, json.GetProperty("code").GetString()!);
    }

    [Fact]
    public async Task The_intake_slip_as_PDF_is_signed_by_the_receiving_unit_recorded_and_found_by_the_verification()
    {
        var (unit, desk, id, code) = await ReceivedAsync();

        var response = await desk.GetAsync($"/backoffice/ho-so/{id}/phieu/tiep-nhan?format=pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var pdf = await response.Content.ReadAsByteArrayAsync();

        var report = SignedResultsTests.Pdfsig(pdf);
        report.ShouldContain("Signature Type: ETSI.CAdES.detached");
        report.ShouldContain("Signature Validation: Signature is Valid.");
        report.ShouldContain("Certificate Validation: Certificate is Trusted.");
        report.ShouldContain("Total document signed");
        var text = await SlipPdfTests.PdfTextAsync(pdf);
        text.ShouldContain("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");

        var record = app.WithDb(db => db.SignedDocuments.AsNoTracking().Single(s => s.DossierCode == code));
        record.Kind.ShouldBe(SignedDocumentKind.Slip);
        record.FileId.ShouldBeNull();
        record.FileName.ShouldBe(code + "-tiep-nhan.pdf");
        record.UnitCode.ShouldBe(unit);
        record.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(pdf)));
        var history = app.WithDb(db => db.AuditEvents.AsNoTracking().Single(e => e.StreamId == "SignedDocument:" + record.Id));
        history.Action.ShouldBe("document.signed");
        history.ActorName.ShouldBe(record.SignedByName);
        history.ActorRole.ShouldBe("DeskOfficer");
        history.ActorUnitCode.ShouldBe(unit);

        var verified = await SignedResultsTests.VerifyAsync(app.CreateClient(), pdf);
        verified.GetProperty("valid").GetBoolean().ShouldBeTrue();
        verified.GetProperty("matchesRecord").GetBoolean().ShouldBeTrue();
        verified.GetProperty("record").GetProperty("fileName").GetString().ShouldBe(code + "-tiep-nhan.pdf");

        // Each copy issued is a document of its own; the printable page itself signs nothing.
        (await desk.GetAsync($"/backoffice/ho-so/{id}/phieu/tiep-nhan")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await desk.GetAsync($"/backoffice/ho-so/{id}/phieu/tiep-nhan?format=pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.WithDb(db => db.SignedDocuments.Count(s => s.DossierCode == code && s.Kind == SignedDocumentKind.Slip)).ShouldBe(2);
    }

    [Fact]
    public async Task A_slip_that_cannot_be_signed_is_not_issued_and_the_officer_reads_why()
    {
        var (unit, desk, id, code) = await ReceivedAsync();
        var configuration = app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        configuration[$"MotCua:Signing:Units:{unit}:Pkcs12Path"] = TestCa.OwnUnitPkcs12;
        configuration[$"MotCua:Signing:Units:{unit}:Password"] = "sai-mat-khau";
        try
        {
            var refused = await (await desk.GetAsync($"/backoffice/ho-so/{id}/phieu/tiep-nhan?format=pdf")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
            refused.GetProperty("title").GetString().ShouldBe(
                "Không ký số được phiếu, không phiếu nào được phát hành: Không đọc được tệp chứng thư số của đơn vị (sai đường dẫn hoặc mật khẩu).");
            app.WithDb(db => db.SignedDocuments.Count(s => s.DossierCode == code)).ShouldBe(0);
            app.WithDb(db => db.AuditEvents.Count(e => e.Action == "document.signed" && e.After!.Contains(code))).ShouldBe(0);
        }
        finally
        {
            configuration[$"MotCua:Signing:Units:{unit}:Pkcs12Path"] = null;
            configuration[$"MotCua:Signing:Units:{unit}:Password"] = null;
        }
    }
}
