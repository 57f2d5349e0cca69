using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Localization;
using MotCua.Web.Units;

namespace MotCua.Web.Dossiers.Online;

/// <summary><c>GET /api/v1/online-dossiers</c> and the page /backoffice/truc-tuyen: online submissions waiting for the desks the
/// officer covers, oldest first.</summary>
internal static class ListOnlineQueue
{
    public sealed record Item(Guid Id, string ProcedureCode, string ProcedureName, string OwnerName, string? Summary, DateTimeOffset SubmittedAt,
        string ReceivingUnitCode, int Files);

    public static async Task<Ok<List<Item>>> Handle(MotCuaDbContext db, CurrentActor actor, CancellationToken cancellationToken) =>
        TypedResults.Ok(await LoadAsync(db, actor, cancellationToken));

    public static async Task<List<Item>> LoadAsync(MotCuaDbContext db, CurrentActor actor, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? desks = actor.IsSystemAdmin ? null
            : actor.Roles.Where(r => r.Role == StaffRole.DeskOfficer).Select(r => r.UnitPath).Distinct().ToList();
        if (desks is { Count: 0 })
        {
            return [];
        }

        var rows = await UnitScope.Within(db.Dossiers.AsNoTracking(), d => d.ReceivingUnitPath, desks)
            .Where(d => d.State == DossierState.Submitted && d.Channel == Channel.Online)
            .OrderBy(d => d.SubmittedAt).Take(500)
            .Select(d => new { d.Id, d.ProcedureCode, d.ProcedureName, OwnerName = d.Owner.Name, d.Summary, d.SubmittedAt, d.ReceivingUnitPath, Files = d.Files.Count })
            .ToListAsync(cancellationToken);
        return rows.Select(d => new Item(d.Id, d.ProcedureCode, d.ProcedureName, d.OwnerName, d.Summary, (d.SubmittedAt ?? default).ToVietnamTime(),
            UnitPath.Code(d.ReceivingUnitPath), d.Files)).ToList();
    }
}
