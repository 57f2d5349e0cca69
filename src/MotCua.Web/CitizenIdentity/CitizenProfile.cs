using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.CitizenIdentity;

/// <summary>
/// What the state already holds about the signed-in citizen, to prefill a new online dossier (<c>GET /api/v1/my-profile</c>): the
/// person the national identity vouched for, the owner data of their last dossier, and their earlier documents (the files they
/// submitted, and the results of returned dossiers) that a new dossier may reuse for a component instead of a new upload.
/// </summary>
internal sealed class CitizenProfile(MotCuaDbContext db)
{
    /// <summary>How many earlier documents are offered, newest first.</summary>
    public const int MaxDocuments = 50;

    public sealed record VerifiedOwner(string FullName, string IdNumber, DateOnly BirthDate, string? Address, string Issuer, string Subject, DateTimeOffset VerifiedAt);

    public sealed record EarlierDocument(Guid FileId, Guid DossierId, string? DossierCode, string ProcedureName, string FileName, string? Component, string Kind,
        DateTimeOffset UploadedAt);

    public sealed record ProfileResponse(VerifiedOwner? Verified, PartyInput? LastOwner, IReadOnlyList<EarlierDocument> Documents);

    public static async Task<Ok<ProfileResponse>> Handle(CitizenProfile profile, CurrentActor actor, CancellationToken cancellationToken)
    {
        var citizen = actor.UserId ?? Guid.Empty;
        var last = await profile.LastOwnerAsync(citizen, cancellationToken);
        return TypedResults.Ok(new ProfileResponse(await profile.VerifiedAsync(citizen, cancellationToken),
            last is null ? null : new PartyInput(last.Name, last.IdType, last.IdNumber, last.Address, last.Phone, last.Email),
            await profile.DocumentsAsync(citizen, cancellationToken)));
    }

    public async Task<VerifiedOwner?> VerifiedAsync(Guid citizen, CancellationToken cancellationToken)
    {
        var link = await db.NationalIdentityLinks.AsNoTracking().FirstOrDefaultAsync(l => l.UserId == citizen, cancellationToken);
        return link is null ? null
            : new VerifiedOwner(link.FullName, link.IdNumber, link.BirthDate, link.Address, link.Issuer, link.Subject, Calendar.VietnamTime.FromUtc(link.VerifiedAt));
    }

    /// <summary>The owner of the citizen's latest dossier submitted for themselves (owner kind citizen), with its dossier.</summary>
    public async Task<Party?> LastOwnerAsync(Guid citizen, CancellationToken cancellationToken) => (await LastOwnerDossierAsync(citizen, cancellationToken))?.Owner;

    public Task<LastOwnerRow?> LastOwnerDossierAsync(Guid citizen, CancellationToken cancellationToken) =>
        db.Dossiers.AsNoTracking().Where(d => d.CitizenAccountId == citizen && d.OwnerKind == OwnerKind.Citizen && d.PersonalDataErasedAt == null)
            .OrderByDescending(d => d.CreatedAt).Select(d => new LastOwnerRow(d.Id, d.Owner)).FirstOrDefaultAsync(cancellationToken);

    public sealed record LastOwnerRow(Guid DossierId, Party Owner);

    /// <summary>The citizen's earlier documents: files submitted with their dossiers, and the results of dossiers returned to them.</summary>
    public async Task<List<EarlierDocument>> DocumentsAsync(Guid citizen, CancellationToken cancellationToken)
    {
        var rows = await db.Dossiers.AsNoTracking().Where(d => d.CitizenAccountId == citizen && d.PersonalDataErasedAt == null)
            .SelectMany(d => d.Files, (d, f) => new { f.Id, DossierId = d.Id, d.Code, d.ProcedureName, d.State, f.FileName, f.Component, f.Kind, f.UploadedAt })
            .Where(r => r.Kind == DossierFileKind.Submission || r.State == DossierState.Returned)
            .OrderByDescending(r => r.UploadedAt).Take(MaxDocuments)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new EarlierDocument(r.Id, r.DossierId, r.Code, r.ProcedureName, r.FileName, r.Component, r.Kind.ToString(), Calendar.VietnamTime.FromUtc(r.UploadedAt)))
            .ToList();
    }
}
