using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Catalog;

/// <summary><c>GET /api/v1/catalog/procedures/{code}</c>: every version with its state and validity (the
/// history of the procedure), the units that provide it, their internal processes and the change log.</summary>
internal static class GetCatalogProcedure
{
    public sealed record VersionItem(int Number, VersionStatus Status, DateOnly? ValidFrom, DateOnly? ValidTo, DateTime? PublishedAt, string Name);

    public sealed record UnitItem(string Code, string Name, UnitLevel Level, DateOnly? ValidTo);

    public sealed record ProcessItem(string UnitCode, string UnitName, int Steps, decimal TotalHours);

    public sealed record HistoryEntry(DateTime At, string Actor, string? UnitCode, string Action);

    public sealed record Response(string Code, string OwnerUnitCode, IReadOnlyList<VersionItem> Versions, int? DraftNumber,
        IReadOnlyList<UnitItem> Providers, IReadOnlyList<ProcessItem> Processes, IReadOnlyList<HistoryEntry> History);

    public static async Task<Ok<Response>> Handle(string code, MotCuaDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await LoadAsync(db, code, cancellationToken));

    public static async Task<Response> LoadAsync(MotCuaDbContext db, string code, CancellationToken cancellationToken)
    {
        var procedure = await db.Procedures.AsNoTracking().Where(p => p.Code == code)
            .Select(p => new { p.Id, p.Code, Owner = p.OwnerUnit!.Code })
            .FirstOrDefaultAsync(cancellationToken) ?? throw ProblemException.NotFound();
        var versions = await db.ProcedureVersions.AsNoTracking().Where(v => v.ProcedureId == procedure.Id).OrderByDescending(v => v.Number)
            .Select(v => new VersionItem(v.Number, v.Status, v.ValidFrom, v.ValidTo, v.PublishedAt, v.Name))
            .ToListAsync(cancellationToken);
        var providers = await db.ProcedureProviders.AsNoTracking().Where(p => p.ProcedureId == procedure.Id)
            .Select(p => new UnitItem(p.Unit!.Code, p.Unit.Name, p.Unit.Level, p.Unit.ValidTo))
            .ToListAsync(cancellationToken);
        var processes = await db.ProcessDefinitions.AsNoTracking().Where(p => p.ProcedureId == procedure.Id)
            .Select(p => new { p.Unit!.Code, p.Unit.Name, Hours = p.Steps.Select(s => s.Hours).ToList() })
            .ToListAsync(cancellationToken);
        var stream = "Procedure:" + code;
        var history = await db.AuditEvents.AsNoTracking().Where(e => e.StreamId == stream).OrderBy(e => e.Sequence)
            .Select(e => new HistoryEntry(e.OccurredAt, e.ActorName, e.ActorUnitCode, e.Action))
            .ToListAsync(cancellationToken);
        return new Response(procedure.Code, procedure.Owner, versions, versions.FirstOrDefault(v => v.Status == VersionStatus.Draft)?.Number,
            providers.OrderBy(p => p.Code, StringComparer.Ordinal).ToList(),
            processes.Select(p => new ProcessItem(p.Code, p.Name, p.Hours.Count, p.Hours.Sum())).OrderBy(p => p.UnitCode, StringComparer.Ordinal).ToList(),
            history);
    }
}
