using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers.Online;

/// <summary>
/// The citizen completes a dossier the desk sent back: adds the missing files and sends it again
/// (<c>POST /api/v1/my-dossiers/{id}/resubmit</c>, multipart, or the page /ho-so-cua-toi/{id}). It waits as "new" again.
/// </summary>
internal static class ResubmitOnline
{
    public static async Task<Results<Ok<GetOnlineDossier.Response>, RuleConflict>> Handle(Guid id, HttpRequest http, Handler handler, FileStore store,
        CancellationToken cancellationToken)
    {
        var (_, files) = await OnlineUploads.ReadAsync<object>(http, store, cancellationToken);
        return await handler.ResubmitAsync(id, files, cancellationToken);
    }

    internal sealed class Handler(MotCuaDbContext db, CurrentActor actor, FileStore store, DossierCommit commit, DossierNotices notices,
        IStringLocalizer<SharedResource> localizer, RuleProblems problems)
    {
        public async Task<Results<Ok<GetOnlineDossier.Response>, RuleConflict>> ResubmitAsync(Guid id, IFormFileCollection uploads, CancellationToken cancellationToken)
        {
            var dossier = await GetOnlineDossier.OwnDossierAsync(db, actor, id, tracked: true, cancellationToken);
            if (dossier.State != DossierState.AwaitingCompletion)
            {
                // Refused before the uploads are stored.
                return problems.Conflict(RuleBroken.IllegalTransition(dossier.State));
            }

            if (uploads.Count == 0)
            {
                new FieldErrors(localizer).Add("files", "Online.FilesRequired").ThrowIfAny();
            }

            var files = await OnlineUploads.SaveAsync(uploads, dossier.Components.Select(c => c.Name).ToList(), dossier.Files.Count, store, localizer, cancellationToken);
            try
            {
                dossier.Files.AddRange(files);
                db.ChangeTracker.DetectChanges();
                // The ids are made here, not by the database: say plainly that these rows are new.
                foreach (var file in files)
                {
                    db.Entry(file).State = EntityState.Added;
                }

                dossier.Resubmit().ThrowIfBroken();
                notices.Submitted(dossier);
                await commit.SaveAsync(dossier, new DossierEvent(actor.Self, "dossier.resubmitted", new { State = nameof(DossierState.AwaitingCompletion) },
                    new { State = dossier.State.ToString(), Files = files.Select(f => new { f.Id, f.FileName, f.Sha256, f.Component }) }), cancellationToken);
            }
            catch
            {
                OnlineUploads.Discard(store, files);
                throw;
            }

            return TypedResults.Ok(await GetOnlineDossier.DescribeAsync(db, dossier, localizer, cancellationToken));
        }
    }
}
