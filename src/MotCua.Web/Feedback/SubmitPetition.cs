using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;
using MotCua.Web.Platform.Localization;
using MotCua.Web.Ratings;

namespace MotCua.Web.Feedback;

/// <summary>
/// <c>POST /api/v1/petitions</c> (the portal, anyone) and <c>POST /api/v1/petitions/intake</c> (staff typing what came in at
/// the counter or on the hotline): receives a feedback or petition about a unit, optionally a procedure. A complaint about a
/// dossier's outcome names the dossier, and the sender proves it as for rating (code and check value, or the owner's
/// account); staff link any dossier they may see. A signed-in citizen may raise again an earlier petition of their account
/// (<c>earlierReference</c>): the earlier one is marked raised again in the same transaction (Decision 766 annex 5.3).
/// </summary>
internal static class SubmitPetition
{
    public sealed record Request(string? SenderName, string? SenderPhone, string? SenderEmail, string? SenderAddress, string? Content, string? UnitCode,
        string? Kind, string? ProcedureCode, string? DossierCode, string? DossierCheck, bool AgreesToPublish, string? Channel = null,
        string? EarlierReference = null);

    public sealed record Response(string Reference, string State, string Channel, string Kind, string UnitCode, string? DossierCode, DateTimeOffset ReceivedAt);

    public static Task<Created<Response>> FromPortal(Request request, Handler handler, CancellationToken cancellationToken) =>
        handler.SubmitAsync(request, PetitionChannel.Portal, cancellationToken);

    public static Task<Created<Response>> AtDesk(Request request, Handler handler, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        var channel = request.Channel is null ? (PetitionChannel?)null : Reporting.ReportSelection.Parse<PetitionChannel>(errors, "channel", request.Channel);
        if (channel is null or PetitionChannel.Portal)
        {
            errors.Add("channel", "Petitions.StaffChannel");
        }

        errors.ThrowIfAny();
        return handler.SubmitAsync(request, channel!.Value, cancellationToken);
    }

    internal sealed class Handler(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
    {
        public async Task<Created<Response>> SubmitAsync(Request request, PetitionChannel channel, CancellationToken cancellationToken)
        {
            var staff = channel != PetitionChannel.Portal;
            if (!staff && actor.Roles.Count > 0)
            {
                // The portal form is the citizen's; staff record what they were told through the intake endpoint, which says so.
                throw new ProblemException(403, "staff-use-intake", "Petitions.StaffUseIntake");
            }

            var errors = new FieldErrors(localizer);
            errors.Required("senderName", request.SenderName, 200);
            errors.MaxLength("senderPhone", request.SenderPhone, 20);
            errors.MaxLength("senderEmail", request.SenderEmail, 256);
            errors.MaxLength("senderAddress", request.SenderAddress, 300);
            if (string.IsNullOrWhiteSpace(request.SenderPhone) && string.IsNullOrWhiteSpace(request.SenderEmail) && string.IsNullOrWhiteSpace(request.SenderAddress))
            {
                // Decree 20/2008 Art. 9 (as amended): the sender gives a name and an address, phone or email to be answered at.
                errors.Add("senderPhone", "Petitions.ContactRequired");
            }

            errors.Required("content", request.Content, 4000);
            errors.Required("unitCode", request.UnitCode, 40);
            var kind = Reporting.ReportSelection.Parse<PetitionKind>(errors, "kind", request.Kind) ?? PetitionKind.Other;
            if (kind == PetitionKind.DossierOutcome && string.IsNullOrWhiteSpace(request.DossierCode))
            {
                errors.Add("dossierCode", "Petitions.DossierRequired");
            }

            errors.MaxLength("procedureCode", request.ProcedureCode, 60);
            errors.ThrowIfAny();
            var earlier = await EarlierAsync(request.EarlierReference, staff, errors, cancellationToken);

            var unit = await db.Units.AsNoTracking().Where(u => u.Code == request.UnitCode!.Trim()).Select(u => new { u.Id, u.Code, u.Path })
                .FirstOrDefaultAsync(cancellationToken);
            if (unit is null)
            {
                errors.Add("unitCode", "Petitions.UnknownUnit").ThrowIfAny();
            }

            if (staff && !actor.Covers(unit!.Path))
            {
                throw ProblemException.Forbidden();
            }

            var dossier = string.IsNullOrWhiteSpace(request.DossierCode) ? null : await LinkAsync(request, staff, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var petition = new Petition
            {
                Reference = "PA-" + RandomNumberGenerator.GetString("23456789ABCDEFGHJKLMNPQRSTUVWXYZ", 8),
                Channel = channel,
                SenderName = request.SenderName!.Trim(),
                SenderPhone = Blank(request.SenderPhone),
                SenderEmail = Blank(request.SenderEmail),
                SenderAddress = Blank(request.SenderAddress),
                AgreesToPublish = request.AgreesToPublish,
                Content = request.Content!.Trim(),
                DossierId = dossier?.Id,
                DossierCode = dossier?.Code,
                CitizenAccountId = staff ? null : actor.UserId,
                EarlierPetitionId = earlier?.Id,
                ReceivedAt = now,
                ReceivedByName = staff ? actor.Name : null,
            };
            petition.Place(unit!.Id, unit.Path);
            petition.Classify(kind, Blank(request.ProcedureCode));
            db.Add(petition);
            var who = staff ? actor.ActingOn(unit.Path) : new Actor(actor.UserId, actor.UserId is null ? "citizen" : actor.Name, "Citizen", null);
            var received = new
            {
                petition.Reference,
                Channel = channel.ToString(),
                Kind = kind.ToString(),
                Unit = unit.Code,
                petition.ProcedureCode,
                petition.DossierCode,
                EarlierReference = earlier?.Reference,
            };
            db.Add(audit.First(who, "petition.received", nameof(Petition), petition.Id.ToString(), received));
            if (earlier is not null)
            {
                earlier.RaiseAgain(petition.Id);
                await audit.RecordAsync(who, "petition.raised-again", nameof(Petition), earlier.Id.ToString(), null,
                    new { earlier.Reference, RaisedAgainBy = petition.Reference }, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"/api/v1/petitions/{petition.Reference}", new Response(petition.Reference, petition.State.ToString(), channel.ToString(),
                kind.ToString(), unit.Code, petition.DossierCode, now.ToVietnamTime()));
        }

        /// <summary>The earlier petition raised again: one the signed-in sender's own account sent and nobody raised again yet; 400 otherwise.</summary>
        private async Task<Petition?> EarlierAsync(string? reference, bool staff, FieldErrors errors, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(reference))
            {
                return null;
            }

            var code = reference.Trim().ToUpperInvariant();
            var account = staff ? null : actor.UserId;
            var earlier = account is null ? null
                : await db.Petitions.FirstOrDefaultAsync(p => p.Reference == code && p.CitizenAccountId == account, cancellationToken);
            if (earlier is null)
            {
                errors.Add("earlierReference", "Petitions.UnknownEarlier").ThrowIfAny();
            }
            else if (earlier.RaisedAgainById is not null)
            {
                errors.Add("earlierReference", "Petitions.AlreadyRaisedAgain").ThrowIfAny();
            }

            return earlier;
        }

        private async Task<RatedDossier> LinkAsync(Request request, bool staff, CancellationToken cancellationToken)
        {
            if (!staff)
            {
                return await RatingProof.ByCodeAsync(db, actor, request.DossierCode, request.DossierCheck, cancellationToken);
            }

            var code = request.DossierCode!.Trim().ToUpperInvariant();
            var found = await Dossiers.Routing.Visible(db.Dossiers.AsNoTracking(), actor).Where(d => d.Code == code)
                .Select(d => new RatedDossier(d.Id, d.Code!, d.State, d.ReturnedAt, d.ReceivingUnitId, d.ReceivingUnitPath, d.ProcedureCode, d.ProcedureName))
                .FirstOrDefaultAsync(cancellationToken);
            return found ?? throw new ProblemException(404, "rating-dossier-not-found", "Ratings.DossierNotFound");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
