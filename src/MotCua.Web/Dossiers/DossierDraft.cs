using Microsoft.Extensions.Localization;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers;

/// <summary>
/// Validates an intake request and builds the dossier it asks for, not yet saved: pinned to the procedure version valid today,
/// placed at its desk and its competent unit. Receiving (<see cref="ReceiveDossier"/>) and declining (<see cref="DeclineDossier"/>)
/// start from it.
/// </summary>
internal sealed class DossierDraft(MotCuaDbContext db, CurrentActor actor, IProcedureCatalog catalog, IStringLocalizer<SharedResource> localizer,
    IntakeCache cache)
{
    public async Task<(Dossier Dossier, PinnedVersion Pinned)> BuildAsync(ReceiveDossier.Request request, IReadOnlyList<DossierFile> files,
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
}
