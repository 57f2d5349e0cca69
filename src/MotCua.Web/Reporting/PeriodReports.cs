using Microsoft.EntityFrameworkCore;
using MotCua.Web.Calendar;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Reporting;

/// <summary>
/// Period reports from the maintained facts, and drill-downs from the dossiers' timelines through the same
/// <see cref="TimelineState"/> arithmetic, so a list's length always equals its figure.
/// </summary>
internal sealed class PeriodReports(MotCuaDbContext db) : IPeriodReports
{
    public async Task AuthorizeAsync(CurrentActor actor, ReportQuery query, CancellationToken cancellationToken)
    {
        var path = await db.Units.AsNoTracking().Where(u => u.Code == query.UnitCode).Select(u => u.Path).FirstOrDefaultAsync(cancellationToken)
            ?? throw ProblemException.NotFound("Units.NotFound");
        if (!actor.Covers(path))
        {
            throw ProblemException.Forbidden();
        }
    }

    public async Task<PeriodReport> RunAsync(ReportQuery query, ReportRows rowsBy, CancellationToken cancellationToken)
    {
        var selection = await UnitSelection.ResolveAsync(db, query, cancellationToken);
        var groups = rowsBy switch
        {
            ReportRows.Unit => FactGroups.Unit,
            ReportRows.Domain => FactGroups.Domain,
            ReportRows.Procedure => FactGroups.Procedure,
        };
        // A unit split between successors counts only the work that went to this report's units: read per unit, domain and procedure, then filter.
        var sums = await FactSums.SumAsync(db, selection.UnitIds, query,
            selection.DependsOnWork ? FactGroups.Unit | FactGroups.Domain | FactGroups.Procedure : groups, cancellationToken);
        if (selection.DependsOnWork)
        {
            sums.RemoveAll(s => selection.Row(s.UnitId, s.DomainCode, s.ProcedureCode) is null);
        }

        var keyed = rowsBy switch
        {
            ReportRows.Unit => sums.GroupBy(s => selection.Row(s.UnitId, s.DomainCode, s.ProcedureCode)!.Code),
            ReportRows.Domain => sums.GroupBy(s => s.DomainCode),
            ReportRows.Procedure => sums.GroupBy(s => s.ProcedureCode),
        };
        var names = await NamesAsync(rowsBy, selection, cancellationToken);
        var rows = keyed.Select(g => new ReportRow(g.Key, names.GetValueOrDefault(g.Key, g.Key), FactSum.Figures(g)))
            .Where(r => r.Figures != Empty)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        return new PeriodReport(query, selection.Root.Name, FactSum.Figures(sums), rowsBy, rows);
    }

    private static readonly ReportFigures Empty = new FactSum().ToFigures();

    public async Task<IReadOnlyList<ReportDossier>> DrillDownAsync(ReportQuery query, ReportFigure figure, ReportRows rowsBy, string? rowKey,
        CancellationToken cancellationToken)
    {
        var selection = await UnitSelection.ResolveAsync(db, query, cancellationToken);
        var unitIds = selection.UnitIds.ToList();
        var dossiers = db.Dossiers.AsNoTracking().Where(d => unitIds.Contains(d.HandlingUnitId));
        var domain = rowsBy == ReportRows.Domain && rowKey is not null ? rowKey : query.DomainCode;
        var procedure = rowsBy == ReportRows.Procedure && rowKey is not null ? rowKey : query.ProcedureCode;
        if (domain is not null)
        {
            dossiers = domain.Length == 0 ? dossiers.Where(d => d.DomainCode == null) : dossiers.Where(d => d.DomainCode == domain);
        }

        if (procedure is not null)
        {
            dossiers = dossiers.Where(d => d.ProcedureCode == procedure);
        }

        if (query.Channel is { } channel)
        {
            dossiers = dossiers.Where(d => d.Channel == channel);
        }

        // Dossiers that ended before the period cannot count in it; the rest are replayed up to its end.
        var ended = new[] { MilestoneKind.Decided, MilestoneKind.Withdrawn, MilestoneKind.Stopped, MilestoneKind.Refused };
        var milestones = db.Set<DossierMilestone>().AsNoTracking();
        var candidates = await (from m in milestones
                                join d in dossiers on m.DossierId equals d.Id
                                where m.Day <= query.To && !milestones.Any(e => e.DossierId == m.DossierId && ended.Contains(e.Kind) && e.Day < query.From)
                                select new { Milestone = m, d.Channel, d.HandlingUnitId, d.DomainCode, d.ProcedureCode })
            .ToListAsync(cancellationToken);
        var counted = candidates.GroupBy(c => c.Milestone.DossierId)
            .Where(g =>
            {
                var first = g.First();
                var row = selection.Row(first.HandlingUnitId, first.DomainCode ?? "", first.ProcedureCode);
                if (row is null || (rowsBy == ReportRows.Unit && rowKey is not null && row.Code != rowKey))
                {
                    return false;
                }

                var sum = new FactSum();
                foreach (var delta in TimelineState.Deltas(g.OrderBy(c => c.Milestone.Id).Select(c => c.Milestone), g.First().Channel))
                {
                    sum.Add(delta, query.From, query.To);
                }

                return sum.ToFigures()[figure] == 1;
            })
            .Select(g => g.Key)
            .ToList();
        var found = new List<ReportDossier>(counted.Count);
        foreach (var chunk in counted.Chunk(500))
        {
            var rows = await db.Dossiers.AsNoTracking().Where(d => chunk.Contains(d.Id))
                .Select(d => new
                {
                    d.Code,
                    d.Id,
                    d.ProcedureCode,
                    d.ProcedureName,
                    d.HandlingUnitId,
                    d.Channel,
                    Received = d.ReceivedAt ?? d.CreatedAt,
                    d.OriginalDueAt,
                    d.FinishedAt,
                    d.ClosedAt,
                    d.State,
                })
                .ToListAsync(cancellationToken);
            found.AddRange(rows.Select(d => new ReportDossier(d.Code ?? d.Id.ToString(), d.ProcedureCode, d.ProcedureName,
                selection.Units.TryGetValue(d.HandlingUnitId, out var unit) ? unit.Name : "", d.Channel.ToString(), VietnamTime.FromUtc(d.Received),
                d.OriginalDueAt is { } due ? VietnamTime.FromUtc(due) : null,
                (d.FinishedAt ?? d.ClosedAt) is { } finished ? VietnamTime.FromUtc(finished) : null, d.State.ToString())));
        }

        return [.. found.OrderBy(d => d.ReceivedAt).ThenBy(d => d.Code, StringComparer.Ordinal)];
    }

    private async Task<Dictionary<string, string>> NamesAsync(ReportRows rowsBy, UnitSelection selection, CancellationToken cancellationToken) => rowsBy switch
    {
        ReportRows.Unit => selection.Units.Values.GroupBy(u => u.Code).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal),
        ReportRows.Domain => await db.Domains.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, StringComparer.Ordinal, cancellationToken),
        ReportRows.Procedure => (await db.ProcedureVersions.AsNoTracking().Where(v => v.Procedure!.Code != null)
                .Select(v => new { v.Procedure!.Code, v.Name, v.Id }).ToListAsync(cancellationToken))
            .GroupBy(v => v.Code).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Id)!.Name, StringComparer.Ordinal),
    };
}
