using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Platform.Localization;
using MotCua.Web.Units;

namespace MotCua.Web.Dossiers.Online;

/// <summary>
/// One dossier with its files and public history: <c>GET /api/v1/online-dossiers/{id}</c> for staff of its
/// units, <c>GET /api/v1/my-dossiers/{id}</c> for the citizen who submitted it. Anyone else gets 404.
/// </summary>
internal static class GetOnlineDossier
{
    public sealed record Response(Guid Id, string? Code, string ProcedureCode, string ProcedureName, string Channel, string State, string StateText,
        int NationalState, string OwnerKind, Party Owner, string? Summary, DateTimeOffset? SubmittedAt, DateTimeOffset? ReceivedAt, DateTimeOffset? DueAt,
        string? Reason, string ReceivingUnitCode, string HandlingUnitCode, string HandlingUnitName, string? TrackingSecret, IReadOnlyList<string> Components,
        IReadOnlyList<OnlineFile> Files, IReadOnlyList<OnlineFile> Results, IReadOnlyList<TrackDossier.Step> Timeline, Payment? Payment);

    /// <summary>The latest financial obligation asked of the applicant (amount in đồng), and its receipt once paid.</summary>
    public sealed record Payment(long Amount, string For, DateTimeOffset RequestedAt, DateTimeOffset? PaidAt, string? Receipt)
    {
        public static Payment? Of(Dossier dossier) => dossier.PaymentRequestedAt is { } asked
            ? new Payment(dossier.PaymentAmount!.Value, dossier.PaymentFor!, asked.ToVietnamTime(), dossier.PaidAt?.ToVietnamTime(), dossier.PaymentReceipt)
            : null;
    }

    public static async Task<Ok<Response>> ForStaff(Guid id, MotCuaDbContext db, CurrentActor actor, IStringLocalizer<SharedResource> localizer,
        Privacy.PersonalDataLog personalData, CancellationToken cancellationToken)
    {
        var dossier = await StaffDossierAsync(db, actor, id, tracked: false, cancellationToken);
        await personalData.RecordAsync(dossier, Privacy.ReadPlace.Api, cancellationToken);
        return TypedResults.Ok(await DescribeAsync(db, dossier, localizer, cancellationToken));
    }

    public static async Task<Ok<Response>> ForOwner(Guid id, MotCuaDbContext db, CurrentActor actor, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await DescribeAsync(db, await OwnDossierAsync(db, actor, id, tracked: false, cancellationToken), localizer, cancellationToken));

    /// <summary>A dossier the staff member's units received or handle; 404 otherwise, so ids of other units reveal nothing.</summary>
    public static async Task<Dossier> StaffDossierAsync(MotCuaDbContext db, CurrentActor actor, Guid id, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.Dossiers : db.Dossiers.AsNoTracking();
        return await Routing.Visible(query, actor).FirstOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw ProblemException.NotFound("Dossiers.NotFound");
    }

    /// <summary>A dossier the signed-in citizen submitted; another citizen's is 404.</summary>
    public static async Task<Dossier> OwnDossierAsync(MotCuaDbContext db, CurrentActor actor, Guid id, bool tracked, CancellationToken cancellationToken)
    {
        var citizen = actor.UserId ?? throw ProblemException.NotFound("Dossiers.NotFound");
        var query = tracked ? db.Dossiers : db.Dossiers.AsNoTracking();
        return await query.FirstOrDefaultAsync(d => d.Id == id && d.CitizenAccountId == citizen, cancellationToken)
            ?? throw ProblemException.NotFound("Dossiers.NotFound");
    }

    /// <summary>The electronic results the applicant may have: those of a dossier returned to them.</summary>
    public static IEnumerable<DossierFile> ResultsOf(Dossier dossier) => dossier.State == DossierState.Returned
        ? dossier.Files.Where(f => f.Kind == DossierFileKind.Result).OrderBy(f => f.UploadedAt)
        : [];

    public static async Task<Response> DescribeAsync(MotCuaDbContext db, Dossier dossier, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        var stream = "Dossier:" + dossier.Id;
        var steps = await db.AuditEvents.AsNoTracking()
            .Where(e => e.StreamId == stream && TrackDossier.PublicActions.Contains(e.Action))
            .OrderBy(e => e.Sequence)
            .Select(e => new { e.OccurredAt, e.Action })
            .ToListAsync(cancellationToken);
        var handlingUnit = await db.Units.AsNoTracking().Where(u => u.Id == dossier.HandlingUnitId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
        return new Response(
            dossier.Id,
            dossier.Code,
            dossier.ProcedureCode,
            dossier.ProcedureName,
            dossier.Channel.ToString(),
            dossier.State.ToString(),
            localizer["DossierState." + dossier.State],
            dossier.State.NationalCode(),
            dossier.OwnerKind.ToString(),
            dossier.Owner,
            dossier.Summary,
            dossier.SubmittedAt?.ToVietnamTime(),
            dossier.ReceivedAt?.ToVietnamTime(),
            dossier.DueAt?.ToVietnamTime(),
            dossier.State is DossierState.AwaitingCompletion or DossierState.Refused or DossierState.Guided ? dossier.Reason : null,
            UnitPath.Code(dossier.ReceivingUnitPath),
            UnitPath.Code(dossier.HandlingUnitPath),
            handlingUnit ?? UnitPath.Code(dossier.HandlingUnitPath),
            dossier.Code is null ? null : dossier.TrackingSecret,
            dossier.Components.Select(c => c.Name).ToList(),
            dossier.Files.Where(f => f.Kind == DossierFileKind.Submission).OrderBy(f => f.UploadedAt).Select(OnlineFile.From).ToList(),
            ResultsOf(dossier).Select(OnlineFile.From).ToList(),
            steps.Select(s => new TrackDossier.Step(s.OccurredAt.ToVietnamTime(), s.Action, localizer["DossierAction." + s.Action])).ToList(),
            Payment.Of(dossier));
    }
}
