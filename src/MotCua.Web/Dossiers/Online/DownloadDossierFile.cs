using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers.Online;

/// <summary><c>GET /api/v1/dossiers/{id}/files/{fileId}</c>: a dossier's file, always as an attachment, to staff of the dossier's
/// units or to the citizen who submitted it; 404 to anyone else.</summary>
internal static class DownloadDossierFile
{
    public static async Task<FileStreamHttpResult> Handle(Guid id, Guid fileId, HttpContext http, MotCuaDbContext db, CurrentActor actor, FileStore store,
        IAuthorizationService authorization, Privacy.PersonalDataLog personalData, CancellationToken cancellationToken)
    {
        var isStaff = (await authorization.AuthorizeAsync(http.User, Policies.Staff)).Succeeded;
        var isCitizen = !isStaff && (await authorization.AuthorizeAsync(http.User, Policies.Citizen)).Succeeded;
        if (!isStaff && !isCitizen)
        {
            throw ProblemException.NotFound("Dossiers.NotFound");
        }

        var dossier = isStaff
            ? await GetOnlineDossier.StaffDossierAsync(db, actor, id, tracked: false, cancellationToken)
            : await GetOnlineDossier.OwnDossierAsync(db, actor, id, tracked: false, cancellationToken);
        // A citizen gets the results only once the dossier is returned; before that they are drafts of the office.
        var file = dossier.Files.Where(f => f.Kind == DossierFileKind.Submission || isStaff || GetOnlineDossier.ResultsOf(dossier).Contains(f))
            .FirstOrDefault(f => f.Id == fileId) ?? throw ProblemException.NotFound();
        if (isStaff)
        {
            await personalData.RecordAsync(dossier, Privacy.ReadPlace.File, cancellationToken);
        }

        return TypedResults.Stream(store.Open(file), file.ContentType, file.FileName);
    }
}
