using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Reporting;

/// <summary>
/// Moves appended fact changes into the day, month and year facts, atomically (reads see either the changes or
/// their folded sums, never both). Runs in the background; reads stay exact whenever it last ran.
/// </summary>
internal sealed class FoldReportFacts(IServiceScopeFactory scopes, ReportingOptions options, TimeProvider clock, ILogger<FoldReportFacts> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.FoldInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                await FoldAsync(scope.ServiceProvider.GetRequiredService<MotCuaDbContext>(), stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Folding report facts failed");
            }
        }
    }

    /// <summary>Folds every change appended (and committed) so far.</summary>
    public static async Task FoldAsync(MotCuaDbContext db, CancellationToken cancellationToken)
    {
        var keys = "\"UnitId\", \"DomainCode\", \"ProcedureCode\", \"Channel\"";
        var measures = string.Join(", ", FactCounts.Columns.Select(c => $"\"{c}\""));
        var sums = string.Join(", ", FactCounts.Columns.Select(c => $"SUM(\"{c}\")"));
        var updates = string.Join(", ", FactCounts.Columns.Select(c => $"\"{c}\" = \"ReportFacts\".\"{c}\" + excluded.\"{c}\""));
        string Insert(string grain, string period, string source) => $"""
            INSERT INTO "ReportFacts" ("Grain", "PeriodStart", {keys}, {measures})
            SELECT '{grain}', {period}, {keys}, {sums} FROM {source} WHERE TRUE GROUP BY {period}, {keys}
            ON CONFLICT ("Grain", "PeriodStart", {keys}) DO UPDATE SET {updates}
            """;
        if (db.Database.IsNpgsql())
        {
            // One statement: the rows folded are exactly the rows deleted, even while intake appends more.
            var sql = $"""
                WITH moved AS (DELETE FROM "ReportFactDeltas" RETURNING *),
                day AS ({Insert("Day", "\"Day\"", "moved")}),
                month AS ({Insert("Month", "date_trunc('month', \"Day\")::date", "moved")})
                {Insert("Year", "date_trunc('year', \"Day\")::date", "moved")}
                """;
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            return;
        }

        // SQLite has one writer at a time: inside the transaction nothing can be appended between the reads and the delete.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(Insert("Day", "\"Day\"", "\"ReportFactDeltas\""), cancellationToken);
        await db.Database.ExecuteSqlRawAsync(Insert("Month", "substr(\"Day\", 1, 8) || '01'", "\"ReportFactDeltas\""), cancellationToken);
        await db.Database.ExecuteSqlRawAsync(Insert("Year", "substr(\"Day\", 1, 5) || '01-01'", "\"ReportFactDeltas\""), cancellationToken);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"ReportFactDeltas\"", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

internal sealed class ReportingOptions
{
    public const string Section = "MotCua:Reporting";

    /// <summary>How often appended fact changes are folded into the day, month and year facts.</summary>
    public TimeSpan FoldInterval { get; set; } = TimeSpan.FromMinutes(1);
}
