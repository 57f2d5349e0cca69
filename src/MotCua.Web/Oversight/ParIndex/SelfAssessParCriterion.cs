using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>
/// <c>PUT …/par-index/frameworks/{id}/units/{unitCode}/criteria/{code}/self-assessment</c>: a leader or the administrator of the unit scores a
/// self-assessed criterion with an explanation; <c>POST …/evidence</c> attaches the files that prove it (scanned and checked by the file store
/// like a dossier's). Both while the year is open, at the version the writer saw, and both recorded in the score's history.
/// </summary>
internal static class SelfAssessParCriterion
{
    /// <param name="Version">The score's version as read (0 before its first change).</param>
    public sealed record ParSelfAssessmentRequest(decimal? Points, string? Explanation, int? Version);

    public sealed record ParEvidenceFile(Guid Id, string FileName, string ContentType, long Size, DateTime UploadedAt);

    public sealed record ParScoreResponse(string UnitCode, string CriterionCode, decimal? SelfPoints, string? SelfExplanation, decimal? AppraisedPoints,
        string? AppraisalComment, int Version, IReadOnlyList<ParEvidenceFile> Evidence)
    {
        public static ParScoreResponse Of(ParScoreWrite write) => new(write.Unit.Code, write.Leaf.Code, write.Score.SelfPoints,
            write.Score.SelfExplanation, write.Score.AppraisedPoints, write.Score.AppraisalComment, write.Score.Version,
            [.. write.Score.Evidence.OrderBy(e => e.UploadedAt).Select(e => new ParEvidenceFile(e.Id, e.FileName, e.ContentType, e.Size, e.UploadedAt))]);
    }

    public static async Task<Ok<ParScoreResponse>> Handle(int id, string unitCode, string code, ParSelfAssessmentRequest request, ParIndexCards cards,
        MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock, IStringLocalizer<ParIndexResource> text,
        CancellationToken cancellationToken)
    {
        var write = await LoadAsync(cards, db, actor, id, unitCode, code, request.Version, text, cancellationToken);
        var errors = new FieldErrors(text);
        ParScoreWrite.CheckPoints(errors, request.Points, write.Leaf);
        errors.Required("explanation", request.Explanation, 2000);
        errors.ThrowIfAny();

        var before = new { write.Score.SelfPoints, write.Score.SelfExplanation };
        write.Score.SelfAssess(request.Points!.Value, request.Explanation!.Trim(), clock.GetUtcNow().UtcDateTime);
        await audit.RecordAsync(actor.ActingOn(write.Unit.Path, StaffRole.Leader, StaffRole.UnitAdmin), "par-index.self-assessed", nameof(ParIndexScore),
            write.StreamId, before, new { write.Score.SelfPoints, write.Score.SelfExplanation }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ParScoreResponse.Of(write));
    }

    /// <summary>Multipart: the field <c>version</c> and one or more files in <c>files</c> (PDF, JPEG, PNG or DOCX).</summary>
    public static async Task<Ok<ParScoreResponse>> AttachEvidence(int id, string unitCode, string code, HttpRequest http, ParIndexCards cards,
        MotCuaDbContext db, CurrentActor actor, AuditTrail audit, FileStore store, TimeProvider clock, IStringLocalizer<ParIndexResource> text,
        CancellationToken cancellationToken)
    {
        if (!http.HasFormContentType)
        {
            throw new ProblemException(415, "unsupported-media-type", "Problem.UnsupportedMediaType");
        }

        IFormCollection form;
        try
        {
            form = await http.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = store.MaxFileBytes + 1, ValueCountLimit = 20 }, cancellationToken);
        }
        catch (InvalidDataException exception) when (exception.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProblemException(413, "file-too-large", "Dossiers.FileTooLarge");
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            throw new ProblemException(400, "bad-request", "Problem.MalformedRequest");
        }

        var version = int.TryParse(form["version"], System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (int?)null;
        var write = await LoadAsync(cards, db, actor, id, unitCode, code, version, text, cancellationToken);
        var errors = new FieldErrors(text);
        if (form.Files.Count == 0)
        {
            errors.Add("files", "Validation.Required");
        }
        else if (write.Score.Evidence.Count + form.Files.Count > store.MaxFilesPerDossier)
        {
            errors.Add("files", "ParIndex.TooManyFiles", store.MaxFilesPerDossier);
        }

        errors.ThrowIfAny();
        var stored = new List<DossierFile>();
        try
        {
            foreach (var upload in form.Files)
            {
                stored.Add(await store.SaveAsync(upload, DossierFileKind.Submission, cancellationToken));
            }

            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var file in stored)
            {
                write.Score.AddEvidence(new ParIndexEvidence
                {
                    FileName = file.FileName,
                    ContentType = file.ContentType,
                    Size = file.Size,
                    Sha256 = file.Sha256,
                    StoragePath = file.StoragePath,
                    UploadedAt = now,
                    UploadedById = actor.UserId!.Value,
                });
            }

            await audit.RecordAsync(actor.ActingOn(write.Unit.Path, StaffRole.Leader, StaffRole.UnitAdmin), "par-index.evidence-attached",
                nameof(ParIndexScore), write.StreamId, null, new { Files = stored.Select(f => new { f.FileName, f.Sha256 }) }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // A refused or conflicting request leaves no file behind.
            stored.ForEach(store.Discard);
            throw;
        }

        return TypedResults.Ok(SelfAssessParCriterion.ParScoreResponse.Of(write));
    }

    /// <summary><c>GET …/evidence/{evidenceId}</c>: the unit's staff and the appraisers read the files.</summary>
    public static async Task<FileStreamHttpResult> DownloadEvidence(int id, string unitCode, string code, Guid evidenceId, ParIndexCards cards,
        MotCuaDbContext db, CurrentActor actor, FileStore store, CancellationToken cancellationToken)
    {
        var framework = await cards.FrameworkAsync(id, cancellationToken);
        var unit = await cards.UnitAsync(framework, unitCode, cancellationToken);
        if (!actor.Covers(unit.Path))
        {
            throw ProblemException.Forbidden();
        }

        var evidence = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
            db.ParIndexEvidence.Where(e => e.Id == evidenceId && db.ParIndexScores.Any(s => s.Id == e.ScoreId && s.UnitId == unit.Id && s.FrameworkId == id
                && db.ParIndexCriteria.Any(c => c.Id == s.CriterionId && c.Code == code))), cancellationToken) ?? throw ProblemException.NotFound();
        var file = new DossierFile { FileName = evidence.FileName, ContentType = evidence.ContentType, Sha256 = evidence.Sha256, StoragePath = evidence.StoragePath };
        return TypedResults.File(store.Open(file), evidence.ContentType, evidence.FileName);
    }

    private static async Task<ParScoreWrite> LoadAsync(ParIndexCards cards, MotCuaDbContext db, CurrentActor actor, int id, string unitCode, string code,
        int? version, IStringLocalizer text, CancellationToken cancellationToken)
    {
        var write = await ParScoreWrite.LoadAsync(cards, db, id, unitCode, code, version, text, cancellationToken);
        if (!actor.Covers(write.Unit.Path, StaffRole.Leader, StaffRole.UnitAdmin))
        {
            throw ProblemException.Forbidden();
        }

        if (write.Leaf.Scoring != ParScoring.SelfAssessed)
        {
            throw ProblemException.Conflict("not-self-assessed", "ParIndex.NotSelfAssessed");
        }

        return write;
    }
}
