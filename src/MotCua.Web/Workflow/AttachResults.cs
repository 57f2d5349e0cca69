using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Dossiers.Online;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Workflow;

/// <summary>
/// <c>POST /api/v1/dossiers/{code}/results</c> (multipart: <c>version</c> and one or more <c>files</c>): the officer
/// holding the current step, the head of the handling unit or the desk attaches the electronic results. Uploads
/// pass the same checks as intake (size before reading, type by content, cleaned names) and are stored outside
/// the web root; a dossier is marked processed with a result only once it has one.
/// </summary>
internal static class AttachResults
{
    public const long MaxRequestBytes = OnlineUploads.MaxRequestBytes;

    public sealed record Response(WorkflowResponse Dossier, IReadOnlyList<OnlineFile> Results);

    public static async Task<Results<Ok<Response>, RuleConflict>> Handle(string code, HttpRequest http, Handler handler, FileStore store, CancellationToken cancellationToken)
    {
        if (!http.HasFormContentType)
        {
            throw new ProblemException(415, "unsupported-media-type", "Problem.UnsupportedMediaType");
        }

        IFormCollection form;
        try
        {
            // A part longer than one allowed file stops the read there, not after the whole body.
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

        var version = int.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null;
        return await handler.AttachAsync(code, version, form.Files, cancellationToken);
    }

    internal sealed class Handler(MotCuaDbContext db, DossierSteps steps, FileStore store, IStringLocalizer<SharedResource> localizer)
    {
        public async Task<Results<Ok<Response>, RuleConflict>> AttachAsync(string code, int? version, IReadOnlyList<IFormFile> uploads, CancellationToken cancellationToken)
        {
            var dossier = await steps.LoadAsync(code, version, cancellationToken);
            var process = await steps.StepsAsync(dossier, cancellationToken);
            var who = Attacher(dossier, process) ?? throw ProblemException.Forbidden();
            var errors = new FieldErrors(localizer);
            if (uploads.Count == 0)
            {
                errors.Add("files", "Workflow.ResultFilesRequired");
            }
            else if (dossier.Files.Count + uploads.Count > store.MaxFilesPerDossier)
            {
                errors.Add("files", "Online.TooManyFiles", store.MaxFilesPerDossier);
            }

            errors.ThrowIfAny();
            var saved = new List<DossierFile>();
            try
            {
                foreach (var upload in uploads)
                {
                    saved.Add(await store.SaveAsync(upload, DossierFileKind.Result, cancellationToken));
                }

                if (dossier.AttachResults(saved) is { } broken)
                {
                    OnlineUploads.Discard(store, saved);
                    return steps.Refused(broken);
                }

                db.ChangeTracker.DetectChanges();
                // The ids are made here, not by the database: say plainly that these rows are new.
                foreach (var file in saved)
                {
                    db.Entry(file).State = EntityState.Added;
                }

                var state = await steps.SaveAsync(dossier, process, who, "dossier.results-attached", null,
                    new { Files = saved.Select(f => new { f.Id, f.FileName, f.ContentType, f.Size, f.Sha256 }) }, cancellationToken);
                return TypedResults.Ok(new Response(state, dossier.Files.Where(f => f.Kind == DossierFileKind.Result).OrderBy(f => f.UploadedAt).Select(OnlineFile.From).ToList()));
            }
            catch
            {
                OnlineUploads.Discard(store, saved);
                throw;
            }
        }

        /// <summary>Who may attach, as recorded in history: the holder of the current step, the head of the handling unit, or the desk.</summary>
        public Audit.Actor? Attacher(Dossier dossier, IReadOnlyList<StepInfo> process)
        {
            var actor = steps.Actor;
            if (process.FirstOrDefault(s => s.Order == dossier.CurrentStep) is { } step && actor.Covers(step.OfficePath, step.Role)
                && (dossier.AssigneeId is null || dossier.AssigneeId == actor.UserId))
            {
                return actor.ActingOn(step.OfficePath, step.Role);
            }

            return actor.Covers(dossier.HandlingUnitPath, StaffRole.Leader) ? actor.ActingOn(dossier.HandlingUnitPath, StaffRole.Leader)
                : actor.Covers(dossier.ReceivingUnitPath, StaffRole.DeskOfficer) ? actor.ActingOn(dossier.ReceivingUnitPath, StaffRole.DeskOfficer)
                : null;
        }
    }
}
