using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers;

/// <summary>
/// A desk officer (or an integration client acting as one) receives a dossier at the counter or by
/// public post: it is pinned to the procedure version valid now, gets its legal code and its due date,
/// and form 01 can be printed. <c>POST /api/v1/dossiers</c>; an <c>Idempotency-Key</c> header makes a
/// retried or double submit create one dossier.
/// </summary>
internal static class ReceiveDossier
{
    public sealed record PostalInput(string? Waybill, DateTimeOffset? DeliveredAt, bool ReturnByPost);

    public sealed record Request(
        string? ProcedureCode,
        Channel? Channel,
        OwnerKind? OwnerKind,
        PartyInput? Owner,
        PartyInput? Submitter,
        string? Summary,
        int? Sets,
        IReadOnlyList<ComponentInput>? Components,
        string? DeskUnitCode,
        string? HandlingUnitCode,
        PostalInput? Postal);

    public sealed record Response(Guid Id, string Code, string State, int NationalState, DateTimeOffset ReceivedAt, DateTimeOffset DueAt,
        string TrackingSecret, string ReceivingUnitCode, string HandlingUnitCode, string ProcedureCode, int ProcedureVersion);

    public static async Task<Results<Created<Response>, Ok<Response>>> Handle(Request request, HttpContext http, Intake intake, CancellationToken cancellationToken)
    {
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        var (response, replayed) = await intake.ReceiveAsync(request, [], string.IsNullOrWhiteSpace(key) ? null : key.Trim(), cancellationToken);
        return replayed ? TypedResults.Ok(response) : TypedResults.Created($"/api/v1/dossiers/{response.Code}", response);
    }
}

/// <summary>The intake steps shared by the API and the counter page.</summary>
internal sealed class Intake(MotCuaDbContext db, CurrentActor actor, IProcedureCatalog catalog, IWorkingCalendar calendars, DossierCodes codes,
    AuditTrail audit, DossierNotices notices, TimeProvider clock, IStringLocalizer<SharedResource> localizer, IntakeCache cache)
{
    public async Task<(ReceiveDossier.Response Response, bool Replayed)> ReceiveAsync(ReceiveDossier.Request request, IReadOnlyList<DossierFile> files,
        string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (idempotencyKey is { Length: > 100 })
        {
            throw ProblemException.Invalid(new Dictionary<string, string[]> { ["Idempotency-Key"] = [localizer["Validation.TooLong", 100]] });
        }

        if (idempotencyKey is not null && await ReplayAsync(idempotencyKey, cancellationToken) is { } earlier)
        {
            return (earlier, true);
        }

        // Whole seconds: slips and the national portal carry times to the second (yyyyMMddHHmmss).
        var now = DossierTime.ToSecond(clock.GetUtcNow().UtcDateTime);
        var today = DossierTime.VietnamDate(now);
        var (dossier, pinned) = await PrepareAsync(request, files, now, today, cancellationToken);
        var receivedAt = dossier.Channel == Channel.Postal && request.Postal?.DeliveredAt is { } delivered ? DossierTime.ToSecond(delivered.UtcDateTime) : now;

        var due = await DossierTime.DueAsync(calendars, Unit(dossier.HandlingUnitPath), receivedAt, pinned.TimeFor(dossier.Channel)!, cancellationToken);
        var who = actor.ActingOn(dossier.ReceivingUnitPath, StaffRole.DeskOfficer);

        // Three round trips: BEGIN with the code, one batch of inserts, COMMIT. The code is taken last because its counter row
        // is shared by every desk of the agency and stays locked until commit. No savepoint: a failure rolls back everything.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false;
        var code = await codes.NextAsync(Unit(dossier.ReceivingUnitPath), today, cancellationToken);
        dossier.Receive(code, receivedAt, due);
        // The new dossier stays out of the change tracker: the insert batch writes it, with its parts, from the object.
        audit.RecordCreated(who, "dossier.received", "Dossier", dossier.Id.ToString(), new
        {
            dossier.Code,
            dossier.ProcedureCode,
            ProcedureVersion = pinned.Number,
            Channel = dossier.Channel.ToString(),
            ReceivedAt = receivedAt,
            DueAt = due,
            ReceivingUnit = Unit(dossier.ReceivingUnitPath),
            HandlingUnit = Unit(dossier.HandlingUnitPath),
            dossier.PostalWaybill,
            dossier.SubmittedFromStaffSession,
            Files = files.Count,
        });
        notices.Received(dossier);
        if (idempotencyKey is not null && actor.UserId is { } actorId)
        {
            db.Append(new IdempotencyRecord { ActorId = actorId, Key = idempotencyKey, DossierId = dossier.Id, CreatedAt = now });
        }

        try
        {
            await db.SaveNewRowsAsync([dossier], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (idempotencyKey is not null && DatabaseModule.IsUniqueViolation(exception))
        {
            // The same key raced in from a second request: that one won; answer with its dossier.
            await transaction.RollbackAsync(cancellationToken);
            db.Reset();
            return (await ReplayAsync(idempotencyKey, cancellationToken) ?? throw ProblemException.Conflict("duplicate", "Problem.Duplicate"), true);
        }

        return (ToResponse(dossier, pinned.Number), false);
    }

    /// <summary>
    /// Form 02 or 03 at the counter: the officer does not receive the dossier but gives written guidance
    /// to complete it, or refuses it with a reason. The dossier is kept, without a code, so the slip can be
    /// printed and the figures count it as not received.
    /// </summary>
    public async Task<Dossier> DeclineAsync(ReceiveDossier.Request request, bool refuse, string? reason, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("reason", reason, 2000);
        errors.ThrowIfAny();
        var now = DossierTime.ToSecond(clock.GetUtcNow().UtcDateTime);
        var (dossier, _) = await PrepareAsync(request, [], now, DossierTime.VietnamDate(now), cancellationToken);
        if (refuse)
        {
            dossier.Refuse(reason!.Trim(), now);
        }
        else
        {
            dossier.AskToComplete(reason!.Trim(), now);
        }

        audit.RecordCreated(actor.ActingOn(dossier.ReceivingUnitPath, StaffRole.DeskOfficer), refuse ? "dossier.refused" : "dossier.guided",
            "Dossier", dossier.Id.ToString(), new { dossier.ProcedureCode, Channel = dossier.Channel.ToString(), dossier.Reason });
        if (refuse)
        {
            notices.Refused(dossier);
        }
        else
        {
            notices.CompletionRequested(dossier);
        }

        await db.SaveNewRowsAsync([dossier], cancellationToken);
        return dossier;
    }

    /// <summary>Validates the request and builds the dossier (not yet saved) with its units and pinned version.</summary>
    public async Task<(Dossier Dossier, PinnedVersion Pinned)> PrepareAsync(ReceiveDossier.Request request, IReadOnlyList<DossierFile> files,
        DateTime now, DateOnly today, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("procedureCode", request.ProcedureCode, 60);
        var channel = request.Channel ?? Channel.Counter;
        var owner = DossierInput.Party(errors, "owner", request.Owner, required: true);
        var submitter = DossierInput.Party(errors, "submitter", request.Submitter, required: false);
        var components = DossierInput.Components(errors, request.Components);
        errors.MaxLength("summary", request.Summary, 1000);
        var sets = request.Sets ?? 1;
        if (sets is < 1 or > DossierInput.MaxSets)
        {
            errors.Add("sets", "Dossiers.BadSets", DossierInput.MaxSets);
        }

        if (channel == Channel.Postal && string.IsNullOrWhiteSpace(request.Postal?.Waybill))
        {
            errors.Add("postal.waybill", "Validation.Required");
        }

        if (request.Postal?.Waybill is { Length: > 40 })
        {
            errors.Add("postal.waybill", "Validation.TooLong", 40);
        }

        if (request.Postal?.DeliveredAt is { } deliveredAt && (deliveredAt.UtcDateTime > now || deliveredAt.UtcDateTime < now.AddDays(-30)))
        {
            errors.Add("postal.deliveredAt", "Dossiers.BadDeliveredAt");
        }

        var pinned = string.IsNullOrWhiteSpace(request.ProcedureCode) ? null
            : await catalog.GetVersionValidOnAsync(request.ProcedureCode.Trim(), today, cancellationToken);
        if (pinned is null && !string.IsNullOrWhiteSpace(request.ProcedureCode))
        {
            errors.Add("procedureCode", "Dossiers.UnknownProcedure", request.ProcedureCode.Length > 60 ? request.ProcedureCode[..60] : request.ProcedureCode);
        }

        if (pinned is not null && !ChannelOffered(pinned, channel))
        {
            errors.Add("channel", "Dossiers.ChannelNotOffered", localizer["Channel." + channel].Value);
        }

        errors.ThrowIfAny();
        var desk = await Routing.DeskAsync(db, cache, actor, request.DeskUnitCode, today, cancellationToken);
        var handler = await Routing.HandlerAsync(db, cache, pinned!.Code, desk, request.HandlingUnitCode, today, errors, cancellationToken);
        errors.ThrowIfAny();

        var dossier = new Dossier
        {
            Channel = channel,
            ProcedureCode = pinned.Code,
            ProcedureVersionId = pinned.VersionId,
            ProcedureName = pinned.Name,
            DomainCode = pinned.DomainCode,
            OwnerKind = request.OwnerKind ?? OwnerKind.Citizen,
            Owner = owner!,
            Submitter = submitter,
            Summary = string.IsNullOrWhiteSpace(request.Summary) ? pinned.Name : request.Summary.Trim(),
            Sets = sets,
            CreatedAt = now,
            TrackingSecret = DossierTime.NewTrackingSecret(),
            PostalWaybill = channel == Channel.Postal ? request.Postal!.Waybill!.Trim() : null,
            PostDeliveredAt = channel == Channel.Postal ? (request.Postal!.DeliveredAt?.UtcDateTime ?? now) : null,
            ReturnByPost = request.Postal?.ReturnByPost ?? false,
            // An "online" dossier typed in by an official is flagged: it must not inflate the online share (DESIGN.md §4.13).
            SubmittedFromStaffSession = channel == Channel.Online,
        };
        dossier.Components.AddRange(components);
        dossier.Files.AddRange(files);
        dossier.Place(desk.Id, desk.Path, handler.Id, handler.Path);
        return (dossier, pinned);
    }

    private static bool ChannelOffered(PinnedVersion pinned, Channel channel) => channel switch
    {
        Channel.Counter => true,
        Channel.Online => pinned.OnlineMode != OnlineMode.None,
        Channel.Postal => pinned.PostalIntake,
    };

    private async Task<ReceiveDossier.Response?> ReplayAsync(string key, CancellationToken cancellationToken)
    {
        var actorId = actor.UserId;
        var dossierId = await db.Set<IdempotencyRecord>().AsNoTracking()
            .Where(r => r.ActorId == actorId && r.Key == key).Select(r => (Guid?)r.DossierId).FirstOrDefaultAsync(cancellationToken);
        if (dossierId is null)
        {
            return null;
        }

        var dossier = await db.Dossiers.AsNoTracking().FirstAsync(d => d.Id == dossierId, cancellationToken);
        var number = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == dossier.ProcedureVersionId).Select(v => v.Number).FirstAsync(cancellationToken);
        return ToResponse(dossier, number);
    }

    public static ReceiveDossier.Response ToResponse(Dossier dossier, int versionNumber) => new(
        dossier.Id,
        dossier.Code!,
        dossier.State.ToString(),
        dossier.State.NationalCode(),
        VietnamTime.FromUtc(dossier.ReceivedAt!.Value),
        VietnamTime.FromUtc(dossier.DueAt!.Value),
        dossier.TrackingSecret,
        Unit(dossier.ReceivingUnitPath),
        Unit(dossier.HandlingUnitPath),
        dossier.ProcedureCode,
        versionNumber);

    /// <summary>The unit code at the end of a materialised path.</summary>
    public static string Unit(string path) => path.TrimEnd('/')[(path.TrimEnd('/').LastIndexOf('/') + 1)..];
}
