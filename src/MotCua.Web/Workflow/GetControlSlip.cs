using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Workflow;

/// <summary>
/// <c>GET /api/v1/dossiers/{code}/control-slip</c>: the data of the process control slip (form 05 of 2018, 06 of 2025):
/// the dossier's dates and one row per hand-off with both sides, the time and early / on time / late. The printable
/// form (Forms module) is still to come.
/// </summary>
internal static class GetControlSlip
{
    public sealed record Row(string Kind, DateTimeOffset At, int? FromStep, string? FromStepName, string FromName, int? ToStep, string? ToStepName,
        Guid? ToUserId, string? Timeliness, string? Note);

    public sealed record Response(string Code, string ProcedureName, DateTimeOffset? ReceivedAt, DateTimeOffset? DueAt, DateTimeOffset? OriginalDueAt,
        DateTimeOffset? FinishedAt, string? Timeliness, string HandlingUnitCode, IReadOnlyList<Row> Rows);

    public static async Task<Ok<Response>> Handle(string code, MotCuaDbContext db, CurrentActor actor, DossierSteps steps, CancellationToken cancellationToken)
    {
        var dossier = await Routing.Visible(db.Dossiers.AsNoTracking(), actor).FirstOrDefaultAsync(d => d.Code == code, cancellationToken)
            ?? throw ProblemException.NotFound("Dossiers.NotFound");
        var process = await steps.StepsAsync(dossier, cancellationToken);
        string? Name(int? order) => process.FirstOrDefault(s => s.Order == order)?.Name;
        return TypedResults.Ok(new Response(dossier.Code!, dossier.ProcedureName, Local(dossier.ReceivedAt), Local(dossier.DueAt), Local(dossier.OriginalDueAt),
            Local(dossier.FinishedAt), dossier.Timeliness?.ToString(), UnitPath.Code(dossier.HandlingUnitPath),
            dossier.Handoffs.OrderBy(h => h.Id).Select(h => new Row(h.Kind.ToString(), VietnamTime.FromUtc(h.At), h.FromStep, Name(h.FromStep), h.FromName,
                h.ToStep, Name(h.ToStep), h.ToUserId, h.Timeliness?.ToString(), h.Note)).ToList()));
    }

    private static DateTimeOffset? Local(DateTime? utc) => utc is { } value ? VietnamTime.FromUtc(value) : null;
}
