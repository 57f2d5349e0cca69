using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Jobs;

namespace MotCua.Web.Reporting;

/// <summary>
/// Moves appended fact changes into the day, month and year facts, atomically (reads see either the changes or
/// their folded sums, never both). Runs in the background; reads stay exact whenever it last ran.
/// </summary>
internal sealed class FoldReportFacts(IServiceScopeFactory scopes, ReportingOptions options, TimeProvider clock, ILogger<FoldReportFacts> logger)
    : PeriodicJob(scopes, options.FoldInterval, clock, logger)
{
    protected override async Task<string?> RunRoundAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await FoldAsync(services.GetRequiredService<MotCuaDbContext>(), cancellationToken);
        return null;
    }

    /// <summary>The most change rows folded in one transaction, so a backlog (after a large import) is worked off in bounded steps.</summary>
    private const int Batch = 100_000;

    /// <summary>Folds every change appended (and committed) so far, batch after batch.</summary>
    public static async Task FoldAsync(MotCuaDbContext db, CancellationToken cancellationToken)
    {
        while (await FoldBatchAsync(db, cancellationToken) == Batch)
        {
        }
    }

    private static async Task<int> FoldBatchAsync(MotCuaDbContext db, CancellationToken cancellationToken)
    {
        var keys = "\"UnitId\", \"DomainCode\", \"ProcedureCode\", \"Channel\"";
        var measures = string.Join(", ", FactCounts.Columns.Select(c => $"\"{c}\""));
        var sums = string.Join(", ", FactCounts.Columns.Select(c => $"SUM(\"{c}\")"));
        var updates = string.Join(", ", FactCounts.Columns.Select(c => $"\"{c}\" = \"ReportFacts\".\"{c}\" + excluded.\"{c}\""));
        string Insert(string grain, string period, string source) => $"""
            INSERT INTO "ReportFacts" ("Grain", "PeriodStart", {keys}, {measures})
            SELECT '{grain}', {period}, {keys}, {sums} FROM {source} GROUP BY {period}, {keys}
            ON CONFLICT ("Grain", "PeriodStart", {keys}) DO UPDATE SET {updates}
            """;
        if (db.Database.IsNpgsql())
        {
            // One statement: the rows folded are exactly the rows deleted, even while intake appends more; a second
            // folder running at once waits on the same rows and then finds them gone.
            var sql = $"""
                WITH moved AS (
                    DELETE FROM "ReportFactDeltas" WHERE "Id" IN (SELECT "Id" FROM "ReportFactDeltas" ORDER BY "Id" LIMIT {Batch}) RETURNING *),
                day AS ({Insert("Day", "\"Day\"", "moved")}),
                month AS ({Insert("Month", "date_trunc('month', \"Day\")::date", "moved")}),
                year AS ({Insert("Year", "date_trunc('year', \"Day\")::date", "moved")})
                SELECT count(*)::int AS "Value" FROM moved
                """;
            return (await db.Database.SqlQueryRaw<int>(sql).ToListAsync(cancellationToken)).Single();
        }

        // SQLite has one writer at a time: inside the transaction nothing can be appended between the reads and the delete.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await db.Set<ReportFactDelta>().OrderBy(d => d.Id).Take(Batch).Select(d => d.Id).ToListAsync(cancellationToken);
        if (ids.Count > 0)
        {
            var source = $"(SELECT * FROM \"ReportFactDeltas\" WHERE \"Id\" <= {ids[^1]}) AS moved WHERE TRUE";
            await db.Database.ExecuteSqlRawAsync(Insert("Day", "\"Day\"", source), cancellationToken);
            await db.Database.ExecuteSqlRawAsync(Insert("Month", "substr(\"Day\", 1, 8) || '01'", source), cancellationToken);
            await db.Database.ExecuteSqlRawAsync(Insert("Year", "substr(\"Day\", 1, 5) || '01-01'", source), cancellationToken);
            var delete = $"DELETE FROM \"ReportFactDeltas\" WHERE \"Id\" <= {ids[^1]}";
            await db.Database.ExecuteSqlRawAsync(delete, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }
}

internal sealed class ReportingOptions
{
    public const string Section = "MotCua:Reporting";

    /// <summary>How often appended fact changes are folded into the day, month and year facts.</summary>
    public TimeSpan FoldInterval { get; set; } = TimeSpan.FromMinutes(1);
}
