using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Catalog.PublicationDecisions;

/// <summary>
/// Three demo decisions of the demo province from 2025, so that the register and Decision 766 annex 1.1 and 1.2 have figures: land procedures
/// announced in time for the two-level local government of 01/07/2025 and publicised on time, civil-status ones announced too late and publicised
/// late, and certification ones announced on time but not yet publicised. The numbers are the demo's own. Stored once: nothing is added when the
/// demo is off, the catalog lacks the procedures, or the decisions are there already.
/// </summary>
internal sealed class SeedDemoPublicationDecisions : IStartupData
{
    private sealed record Demo(string Number, string Title, DateOnly SignedOn, DateOnly EffectiveOn, DateOnly? PublicisedOn, string[] Codes);

    private static readonly Demo[] Decisions =
    [
        new("1234/QĐ-UBND", "Công bố danh mục thủ tục hành chính lĩnh vực đất đai thuộc thẩm quyền giải quyết của UBND cấp xã (dữ liệu demo)",
            new(2025, 6, 3), new(2025, 7, 1), new(2025, 6, 9), ["1.012812", "1.013978", "1.012784"]),
        new("1456/QĐ-UBND", "Công bố danh mục thủ tục hành chính lĩnh vực hộ tịch thuộc thẩm quyền giải quyết của UBND cấp xã (dữ liệu demo)",
            new(2025, 6, 20), new(2025, 7, 1), new(2025, 6, 30), ["1.001193", "1.000894", "1.004873"]),
        new("2210/QĐ-UBND", "Công bố danh mục thủ tục hành chính lĩnh vực chứng thực thuộc thẩm quyền giải quyết của UBND cấp xã (dữ liệu demo)",
            new(2025, 9, 15), new(2025, 10, 15), null, ["2.000815", "2.000884"]),
    ];

    public async Task StoreAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MotCuaDbContext>();
        var numbers = Decisions.Select(d => d.Number).ToList();
        var codes = Decisions.SelectMany(d => d.Codes).ToList();
        if (!services.GetRequiredService<DatabaseOptions>().SeedDemoData
            || await db.PublicationDecisions.AnyAsync(d => numbers.Contains(d.Number), cancellationToken))
        {
            return;
        }

        var procedures = await db.Procedures.Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, p => p.Id, cancellationToken);
        if (procedures.Count != codes.Distinct().Count())
        {
            return;
        }

        var audit = services.GetRequiredService<AuditTrail>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        foreach (var demo in Decisions)
        {
            var decision = new PublicationDecision
            {
                Number = demo.Number,
                Title = demo.Title,
                SignedOn = demo.SignedOn,
                EffectiveOn = demo.EffectiveOn,
                RecordedAt = now,
                Procedures = [.. demo.Codes.Select(c => new PublicationDecisionProcedure { ProcedureId = procedures[c] })],
            };
            if (demo.PublicisedOn is { } on)
            {
                decision.Publicise(on).ThrowIfBroken();
            }

            db.PublicationDecisions.Add(decision);
            await audit.RecordAsync(Actor.System, "catalog.publication-decision.seeded", nameof(PublicationDecision), demo.Number, null,
                new { demo.Number, demo.SignedOn, demo.EffectiveOn, demo.PublicisedOn, Procedures = demo.Codes }, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
