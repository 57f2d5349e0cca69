using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Calendar;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Dossiers;

/// <summary><c>GET /api/v1/dossiers/{code}</c>: for staff of the receiving or the handling unit.</summary>
internal static class GetDossier
{
    public sealed record Component(string Name, int Originals, int CertifiedCopies, int Copies);

    public sealed record File(Guid Id, string FileName, string ContentType, long Size);

    /// <param name="Version">The dossier's version, which every action on it sends back (a stale one gets 409).</param>
    public sealed record Response(Guid Id, string Code, int Version, string ProcedureCode, string ProcedureName, string Channel, string State, int NationalState,
        string OwnerKind, Party Owner, Party? Submitter, string? Summary, int Sets, DateTimeOffset? ReceivedAt, DateTimeOffset? DueAt,
        DateTimeOffset? OriginalDueAt, string ReceivingUnitCode, string HandlingUnitCode, string? PostalWaybill, bool ReturnByPost,
        bool SubmittedFromStaffSession, IReadOnlyList<Component> Components, IReadOnlyList<File> Files);

    public static async Task<Ok<Response>> Handle(string code, MotCuaDbContext db, CurrentActor actor, Privacy.PersonalDataLog personalData,
        CancellationToken cancellationToken)
    {
        var dossier = await Routing.Visible(db.Dossiers.AsNoTracking(), actor).FirstOrDefaultAsync(d => d.Code == code, cancellationToken)
            ?? throw ProblemException.NotFound("Dossiers.NotFound");
        await personalData.RecordAsync(dossier, Privacy.ReadPlace.Api, cancellationToken);
        return TypedResults.Ok(new Response(dossier.Id, dossier.Code!, dossier.Version, dossier.ProcedureCode, dossier.ProcedureName, dossier.Channel.ToString(),
            dossier.State.ToString(), dossier.State.NationalCode(), dossier.OwnerKind.ToString(), dossier.Owner, dossier.Submitter, dossier.Summary, dossier.Sets,
            Local(dossier.ReceivedAt), Local(dossier.DueAt), Local(dossier.OriginalDueAt), UnitPath.Code(dossier.ReceivingUnitPath), UnitPath.Code(dossier.HandlingUnitPath),
            dossier.PostalWaybill, dossier.ReturnByPost, dossier.SubmittedFromStaffSession,
            dossier.Components.Select(c => new Component(c.Name, c.Originals, c.CertifiedCopies, c.Copies)).ToList(),
            dossier.Files.Select(f => new File(f.Id, f.FileName, f.ContentType, f.Size)).ToList()));
    }

    private static DateTimeOffset? Local(DateTime? utc) => utc is { } value ? VietnamTime.FromUtc(value) : null;
}
