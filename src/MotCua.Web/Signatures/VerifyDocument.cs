using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Signatures;

/// <summary>
/// <c>POST /api/v1/signatures/verify</c> (multipart <c>file</c>, optional <c>record</c>) and <c>GET /api/v1/signatures/{id}</c>, for anyone:
/// whether a PDF's signature is valid (intact, over the whole file, by a certificate of a trusted CA), who signed it and when, and
/// whether it is the very file MotCua recorded when it signed (same SHA-256). The QR code on a signed document names its record.
/// </summary>
internal static class VerifyDocument
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public sealed record Record(Guid Id, string DossierCode, string FileName, string UnitCode, string SignedByName, DateTimeOffset SignedAt,
        string CertificateSubject, string Sha256);

    public sealed record Response(string Sha256, bool SignaturePresent, bool SignatureIntact, bool CoversWholeDocument, bool CertificateTrusted,
        bool Valid, string? SignerName, string? CertificateSubject, DateTimeOffset? SignedAt, string? SubFilter, bool MatchesRecord, Record? Record);

    public static async Task<Ok<Response>> Handle(HttpRequest http, Checker checker, CancellationToken cancellationToken)
    {
        if (!http.HasFormContentType)
        {
            throw new ProblemException(415, "unsupported-media-type", "Problem.UnsupportedMediaType");
        }

        IFormCollection form;
        try
        {
            form = await http.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = MaxBytes, ValueCountLimit = 5 }, cancellationToken);
        }
        catch (InvalidDataException exception) when (exception.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProblemException(413, "payload-too-large", "Problem.PayloadTooLarge");
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            throw new ProblemException(400, "bad-request", "Problem.MalformedRequest");
        }

        var file = form.Files.GetFile("file") ?? throw new ProblemException(400, "file-required", "Signatures.NotAPdf");
        Guid? record = Guid.TryParse(form["record"], out var id) ? id : null;
        return TypedResults.Ok(await checker.CheckAsync(file, record, cancellationToken));
    }

    public static async Task<Ok<Record>> Get(Guid id, Checker checker, CancellationToken cancellationToken) =>
        TypedResults.Ok(await checker.RecordAsync(id, cancellationToken) ?? throw ProblemException.NotFound());

    internal sealed class Checker(MotCuaDbContext db, TrustedRoots roots)
    {
        public async Task<Response> CheckAsync(IFormFile upload, Guid? recordId, CancellationToken cancellationToken)
        {
            if (upload.Length is 0 or > MaxBytes)
            {
                throw new ProblemException(400, "not-a-pdf", "Signatures.NotAPdf");
            }

            var content = new byte[upload.Length];
            await using (var stream = upload.OpenReadStream())
            {
                await stream.ReadExactlyAsync(content, cancellationToken);
            }

            if (!content.AsSpan().StartsWith("%PDF-"u8))
            {
                throw new ProblemException(400, "not-a-pdf", "Signatures.NotAPdf");
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(content));
            var facts = PdfSignatureCheck.Check(content, roots.Certificates);
            // Through the QR code the record is named; an upload on its own is looked up by its hash.
            var record = recordId is { } id ? await RecordAsync(id, cancellationToken) : await FindAsync(hash, cancellationToken);
            var matches = record is not null && record.Sha256 == hash;
            var valid = facts.Intact && facts.CoversWholeFile && facts.Trusted;
            return new Response(hash, facts.Present, facts.Intact, facts.CoversWholeFile, facts.Trusted, valid,
                facts.Signer?.GetNameInfo(X509NameType.SimpleName, false), facts.Signer?.Subject, matches ? record!.SignedAt : facts.ClaimedTime,
                facts.SubFilter, matches, record);
        }

        public Task<Record?> RecordAsync(Guid id, CancellationToken cancellationToken) =>
            Project(db.SignedDocuments.AsNoTracking().Where(s => s.Id == id)).FirstOrDefaultAsync(cancellationToken);

        private Task<Record?> FindAsync(string sha256, CancellationToken cancellationToken) =>
            Project(db.SignedDocuments.AsNoTracking().Where(s => s.Sha256 == sha256)).FirstOrDefaultAsync(cancellationToken);

        private static IQueryable<Record?> Project(IQueryable<SignedDocument> rows) => rows.Select(s => (Record?)new Record(s.Id, s.DossierCode, s.FileName, s.UnitCode,
            s.SignedByName, new DateTimeOffset(s.SignedAt, TimeSpan.Zero), s.CertificateSubject, s.Sha256));
    }
}

/// <summary>The root certificates a signature must chain to: PEM files in <c>MotCua:Signing:TrustedRoots</c> (paths separated by ';').</summary>
internal sealed class TrustedRoots
{
    public TrustedRoots(IConfiguration configuration, IHostEnvironment environment)
    {
        foreach (var path in (configuration["MotCua:Signing:TrustedRoots"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // A root not made yet (the demo before scripts/test-ca.sh) trusts nothing rather than stopping the app.
            if (File.Exists(Path.GetFullPath(path, environment.ContentRootPath)))
            {
                Certificates.ImportFromPemFile(Path.GetFullPath(path, environment.ContentRootPath));
            }
        }
    }

    public X509Certificate2Collection Certificates { get; } = [];
}
