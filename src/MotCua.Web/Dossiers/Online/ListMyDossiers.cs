using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Localization;

namespace MotCua.Web.Dossiers.Online;

/// <summary><c>GET /api/v1/my-dossiers</c> and the page /ho-so-cua-toi: the signed-in citizen's own dossiers, newest first.</summary>
internal static class ListMyDossiers
{
    public sealed record Item(Guid Id, string? Code, string ProcedureCode, string ProcedureName, string Channel, string State, string StateText, int NationalState,
        DateTimeOffset CreatedAt, DateTimeOffset? ReceivedAt, DateTimeOffset? DueAt, string? Reason);

    public static async Task<Ok<List<Item>>> Handle(MotCuaDbContext db, CurrentActor actor, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        TypedResults.Ok(await LoadAsync(db, actor, localizer, cancellationToken));

    public static async Task<List<Item>> LoadAsync(MotCuaDbContext db, CurrentActor actor, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        var citizen = actor.UserId;
        if (citizen is null)
        {
            return [];
        }

        var rows = await db.Dossiers.AsNoTracking().Where(d => d.CitizenAccountId == citizen)
            .OrderByDescending(d => d.CreatedAt).Take(500)
            .Select(d => new { d.Id, d.Code, d.ProcedureCode, d.ProcedureName, d.Channel, d.State, d.CreatedAt, d.ReceivedAt, d.DueAt, d.Reason })
            .ToListAsync(cancellationToken);
        return rows.Select(d => new Item(d.Id, d.Code, d.ProcedureCode, d.ProcedureName, d.Channel.ToString(), d.State.ToString(), localizer["DossierState." + d.State],
            d.State.NationalCode(), d.CreatedAt.ToVietnamTime(), d.ReceivedAt?.ToVietnamTime(), d.DueAt?.ToVietnamTime(),
            d.State is DossierState.AwaitingCompletion or DossierState.Refused or DossierState.Guided ? d.Reason : null)).ToList();
    }
}
