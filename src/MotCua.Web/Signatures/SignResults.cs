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
/// The leader's approval signs the dossier's PDF results with the handling unit's certificate (PAdES). Each signed file replaces the
/// result's content (the unsigned file stays in the store) and gets a <see cref="SignedDocument"/> row; the caller saves them with the
/// dossier through its one commit, so that a failed save or signature leaves the dossier as it was. Results that are not PDFs (images,
/// documents) stay as they are: PAdES signs PDFs only.
/// </summary>
internal sealed class SignResults(MotCuaDbContext db, PadesSigner pades, FileStore store, IConfiguration configuration, IHttpContextAccessor http,
    IStringLocalizer<SigningResource> text, ILogger<SignResults> logger)
{
    /// <summary>The signed files written, to discard if the dossier is not saved after all.</summary>
    public sealed record Outcome(IReadOnlyList<string> WrittenPaths, IReadOnlyList<object> Signed);

    /// <summary>Throws a 422 problem, in Vietnamese, saying why, when a result cannot be signed; it has then written nothing that stays.</summary>
    public async Task<Outcome> SignAsync(Dossier dossier, Actor who, DateTime at, CancellationToken cancellationToken)
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
                var pdf = await SignOneAsync(original, unitCode, stamp, file.FileName, cancellationToken);
                var path = await store.StoreAsync(pdf.Content, at, cancellationToken);
                written.Add(path);
                var before = file.Sha256;
                var hash = Convert.ToHexStringLower(SHA256.HashData(pdf.Content));
                file.BecomeSigned(path, hash, pdf.Content.Length, at);
                db.SignedDocuments.Add(new SignedDocument
                {
                    Id = record,
                    Kind = SignedDocumentKind.Result,
                    DossierId = dossier.Id,
                    DossierCode = dossier.Code ?? "",
                    FileId = file.Id,
                    FileName = file.FileName,
                    UnitCode = unitCode,
                    UnitPath = dossier.HandlingUnitPath,
                    Sha256 = hash,
                    OriginalSha256 = before,
                    CertificateSubject = pdf.Signature.Signer.Subject,
                    CertificateThumbprint = pdf.Signature.Signer.GetCertHashString(HashAlgorithmName.SHA256),
                    SignedAt = at,
                    SignedById = who.Id,
                    SignedByName = who.Name,
                });
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

    public void Discard(IEnumerable<string> written)
    {
        foreach (var path in written)
        {
            store.Delete(path);
        }
    }

    private async Task<SignedPdf> SignOneAsync(byte[] original, string unitCode, SignatureStamp stamp, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            return await pades.SignAsync(original, unitCode, stamp, cancellationToken);
        }
        catch (SigningException exception)
        {
            logger.LogWarning(exception, "Signing a result for unit {Unit} failed: {Failure}", unitCode, exception.Failure);
            throw new ProblemException(422, "signing-failed", "Signatures.Failed", null, null, text["SigningFailure." + exception.Failure].Value);
        }
        catch (PdfNotSignableException exception)
        {
            logger.LogWarning(exception, "Result {File} is not a PDF that can be signed", fileName);
            throw new ProblemException(422, "signing-failed", "Signatures.Failed", null, null, text["Signatures.PdfNotSignable", fileName].Value);
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
