using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;
using MotCua.Web.Workflow;

namespace MotCua.Web.Privacy;

/// <summary>
/// <c>POST /api/v1/dossiers/{code}/owner</c>: a desk officer of the receiving unit corrects the owner's data, the name and
/// identity number included, against the papers the citizen shows, with a reason (Law 91/2025/QH15, Art. 4: the right to
/// have one's data corrected). The history keeps which fields changed and why, not the values.
/// </summary>
internal static class CorrectDossierOwner
{
    public sealed record Request(int? Version, PartyInput? Owner, string? Reason);

    public sealed record Response(string Code, int Version, Party Owner);

    public static async Task<Results<Ok<Response>, RuleConflict>> Handle(string code, Request request, DossierSteps steps, DossierCommit commit, CurrentActor actor,
        RuleProblems problems, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        var corrected = DossierInput.Party(errors, "owner", request.Owner, required: true);
        errors.Required("reason", request.Reason, 2000);
        errors.ThrowIfAny();
        var dossier = await steps.LoadAsync(code, request.Version, cancellationToken);
        steps.RequireDesk(dossier);

        var before = dossier.Owner;
        var changed = new[]
        {
            ("name", before.Name != corrected!.Name), ("idType", before.IdType != corrected.IdType), ("idNumber", before.IdNumber != corrected.IdNumber),
            ("address", before.Address != corrected.Address), ("phone", before.Phone != corrected.Phone), ("email", before.Email != corrected.Email),
        }.Where(f => f.Item2).Select(f => f.Item1).ToList();
        if (changed.Count > 0)
        {
            if (dossier.CorrectOwner(corrected) is { } broken)
            {
                return problems.Conflict(broken);
            }

            await commit.SaveAsync(dossier, new DossierEvent(actor.ActingOn(dossier.ReceivingUnitPath, StaffRole.DeskOfficer), "dossier.owner-corrected", null,
                new { Fields = changed, Reason = request.Reason!.Trim() }), cancellationToken);
        }

        return TypedResults.Ok(new Response(dossier.Code!, dossier.Version, dossier.Owner));
    }
}
