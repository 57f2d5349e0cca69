using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Units;

/// <summary><c>GET /api/v1/units/{code}</c>: one unit with its children, its predecessors, the rules that split its work between successors, and its history.</summary>
internal static class GetUnit
{
    public sealed record HistoryEntry(DateTime At, string Actor, string? Role, string? UnitCode, string Action);

    public sealed record Response(UnitDto Unit, int Version, IReadOnlyList<UnitDto> Children, IReadOnlyList<UnitDto> Predecessors,
        IReadOnlyList<ReorganisationPlan.RuleRow> SuccessionRules, IReadOnlyList<HistoryEntry> History);

    public static async Task<Ok<Response>> Handle(string code, MotCuaDbContext db, CurrentActor actor, CancellationToken cancellationToken) =>
        TypedResults.Ok(await LoadAsync(code, db, actor, cancellationToken));

    public static async Task<Response> LoadAsync(string code, MotCuaDbContext db, CurrentActor actor, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Code == code)
            .Select(u => new { u.Id, u.Path, u.Version })
            .FirstOrDefaultAsync(cancellationToken) ?? throw ProblemException.NotFound("Units.NotFound");
        // Another unit's data answers 404, not 403: existence is not disclosed.
        if (!actor.Covers(unit.Path))
        {
            throw ProblemException.NotFound("Units.NotFound");
        }

        var dto = await db.Units.AsNoTracking().Where(u => u.Id == unit.Id).Select(UnitProjection.ToDto).FirstAsync(cancellationToken);
        var children = await db.Units.AsNoTracking().Where(u => u.ParentId == unit.Id).OrderBy(u => u.Code).Select(UnitProjection.ToDto).ToListAsync(cancellationToken);
        var predecessors = await db.Units.AsNoTracking()
            .Where(u => u.SuccessorId == unit.Id || db.SuccessionRules.Any(r => r.PredecessorId == u.Id && r.SuccessorId == unit.Id))
            .OrderBy(u => u.Code).Select(UnitProjection.ToDto).ToListAsync(cancellationToken);
        var rules = await db.SuccessionRules.AsNoTracking().Where(r => r.PredecessorId == unit.Id).OrderBy(r => r.DomainCode).ThenBy(r => r.ProcedureCode)
            .Select(r => new ReorganisationPlan.RuleRow(r.DomainCode, r.ProcedureCode, r.Successor!.Code)).ToListAsync(cancellationToken);
        var stream = "Unit:" + code;
        var history = await db.AuditEvents.AsNoTracking().Where(e => e.StreamId == stream).OrderBy(e => e.Sequence)
            .Select(e => new HistoryEntry(e.OccurredAt, e.ActorName, e.ActorRole, e.ActorUnitCode, e.Action))
            .ToListAsync(cancellationToken);
        return new Response(dto, unit.Version, children, predecessors, rules, history);
    }
}
