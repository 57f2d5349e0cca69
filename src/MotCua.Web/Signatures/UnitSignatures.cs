using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Http;
using MotCua.Web.Platform.Signing;

namespace MotCua.Web.Signatures;

/// <summary>
/// What a unit issues, signed with its certificate (PAdES), each with a <see cref="SignedDocument"/> record that the verification page
/// finds: the dossier's results at the leader's approval, and every slip (legal form) issued as PDF.
/// </summary>
internal sealed class UnitSignatures(MotCuaDbContext db, PadesSigner pades, FileStore store, AuditTrail audit, IConfiguration configuration,
    IHttpContextAccessor http, IStringLocalizer<SigningResource> text, ILogger<UnitSignatures> logger)
{
    /// <summary>The signed files written, to discard if the dossier is not saved after all.</summary>
    public sealed record Outcome(IReadOnlyList<string> WrittenPaths, IReadOnlyList<object> Signed);

    /// <summary>
    /// Signs the dossier's PDF results with the handling unit's certificate. Each signed file replaces the result's content (the
    /// unsigned file stays in the store) and gets its record; the caller saves them with the dossier through its one commit, so that a
    /// failed save or signature leaves the dossier as it was. Results that are not PDFs (images, documents) stay as they are: PAdES
    /// signs PDFs only. Throws a 422 problem, in Vietnamese, saying why, when a result cannot be signed; it has then written nothing
    /// that stays.
    /// </summary>
    public async Task<Outcome> SignResultsAsync(Dossier dossier, Actor who, DateTime at, CancellationToken cancellationToken)
    {
        var unitCode = UnitCodeOf(dossier.HandlingUnitPath);
        var written = new List<string>();
        var signed = new List<object>();
        try
        {
            foreach (var file in dossier.Files.Where(f => f.Kind == DossierFileKind.Result && f.SignedAt is null && f.ContentType == "application/pdf").ToList())
            {
                byte[] original;
                await using (var stream = store.Open(file))
                {
                    using var copy = new MemoryStream();
                    await stream.CopyToAsync(copy, cancellationToken);
                    original = copy.ToArray();
                }

                var record = Guid.CreateVersion7();
                var stamp = new SignatureStamp(who.Name, VietnamTime.FromUtc(at).DateTime, VerifyUrl(record), text["Signatures.ResultReason", dossier.Code ?? ""]);
                var pdf = await SignOneAsync(original, unitCode, stamp, file.FileName, "Signatures.Failed", cancellationToken);
                var path = await store.StoreAsync(pdf.Content, at, cancellationToken);
                written.Add(path);
                var before = file.Sha256;
                var hash = Convert.ToHexStringLower(SHA256.HashData(pdf.Content));
                file.BecomeSigned(path, hash, pdf.Content.Length, at);
                db.SignedDocuments.Add(Record(record, SignedDocumentKind.Result, dossier, file.Id, file.FileName, dossier.HandlingUnitPath, pdf, before, who, at));
                signed.Add(new { FileId = file.Id, file.FileName, Before = before, After = hash, Certificate = pdf.Signature.Signer.GetNameInfo(X509NameType.SimpleName, false), Record = record });
            }
        }
        catch
        {
            Discard(written);
            throw;
        }

        return new Outcome(written, signed);
    }

    /// <summary>
    /// Signs a slip that the unit at <paramref name="unitPath"/> issues as PDF (giấy tiếp nhận, phiếu yêu cầu bổ sung, phiếu kiểm
    /// soát…) and records it with its history entry, saved here: each copy issued is a document of its own, which the verification
    /// page finds by its hash or its QR code. Throws a 422 problem, in Vietnamese, when it cannot be signed; nothing is then recorded.
    /// </summary>
    public async Task<byte[]> SignSlipAsync(Dossier dossier, string unitPath, string form, Forms.Slip slip, byte[] content, Actor who, DateTime at,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slip);
        var record = Guid.CreateVersion7();
        var fileName = $"{dossier.Code ?? dossier.Id.ToString("N")}-{form}.pdf";
        // The stamp names the issuing body (the slip's last issuer line); the record keeps the officer who issued this copy.
        var issuer = slip.IssuerLines.Count > 0 ? slip.IssuerLines[^1] : who.Name;
        var stamp = new SignatureStamp(issuer, VietnamTime.FromUtc(at).DateTime, VerifyUrl(record), text["Signatures.SlipReason", slip.Title, dossier.Code ?? ""]);
        var pdf = await SignOneAsync(content, UnitCodeOf(unitPath), stamp, fileName, "Signatures.SlipFailed", cancellationToken);
        var document = Record(record, SignedDocumentKind.Slip, dossier, null, fileName, unitPath, pdf, Convert.ToHexStringLower(SHA256.HashData(content)), who, at);
        db.SignedDocuments.Add(document);
        await audit.RecordAsync(who, "document.signed", nameof(SignedDocument), record.ToString(), null,
            new { document.Kind, document.DossierCode, Form = form, document.Sha256, document.CertificateThumbprint }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return pdf.Content;
    }

    public void Discard(IEnumerable<string> written)
    {
        foreach (var path in written)
        {
            store.Delete(path);
        }
    }

    private static SignedDocument Record(Guid id, SignedDocumentKind kind, Dossier dossier, Guid? fileId, string fileName, string unitPath, SignedPdf pdf,
        string originalSha256, Actor who, DateTime at) => new()
        {
            Id = id,
            Kind = kind,
            DossierId = dossier.Id,
            DossierCode = dossier.Code ?? "",
            FileId = fileId,
            FileName = fileName,
            UnitCode = UnitCodeOf(unitPath),
            UnitPath = unitPath,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf.Content)),
            OriginalSha256 = originalSha256,
            CertificateSubject = pdf.Signature.Signer.Subject,
            CertificateThumbprint = pdf.Signature.Signer.GetCertHashString(HashAlgorithmName.SHA256),
            SignedAt = at,
            SignedById = who.Id,
            SignedByName = who.Name,
        };

    private async Task<SignedPdf> SignOneAsync(byte[] original, string unitCode, SignatureStamp stamp, string fileName, string failedKey,
        CancellationToken cancellationToken)
    {
        try
        {
            return await pades.SignAsync(original, unitCode, stamp, cancellationToken);
        }
        catch (SigningException exception)
        {
            logger.LogWarning(exception, "Signing {File} for unit {Unit} failed: {Failure}", fileName, unitCode, exception.Failure);
            throw new ProblemException(422, "signing-failed", failedKey, null, null, text["SigningFailure." + exception.Failure].Value);
        }
        catch (PdfNotSignableException exception)
        {
            logger.LogWarning(exception, "Result {File} is not a PDF that can be signed", fileName);
            throw new ProblemException(422, "signing-failed", failedKey, null, null, text["Signatures.PdfNotSignable", fileName].Value);
        }
    }

    private string VerifyUrl(Guid record)
    {
        var origin = configuration["MotCua:PublicBaseUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/')
            : http.HttpContext is { } context ? $"{context.Request.Scheme}://{context.Request.Host}" : "";
        return $"{origin}/xac-thuc/{record:N}";
    }

    /// <summary>The code of the unit at the end of a unit path (<c>/province/district/unit/</c>).</summary>
    public static string UnitCodeOf(string unitPath) => unitPath.TrimEnd('/').Split('/')[^1];
}
