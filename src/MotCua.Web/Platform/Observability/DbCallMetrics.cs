using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MotCua.Web.Platform.Observability;

/// <summary>Counts database commands and their duration on the built-in <see cref="Meter"/> API.</summary>
internal sealed class DbCallMetrics : DbCommandInterceptor
{
    private static readonly Counter<long> Calls = MotCuaMeter.Instance.CreateCounter<long>("motcua.db.commands", description: "Database commands executed");
    private static readonly Histogram<double> Duration = MotCuaMeter.Instance.CreateHistogram<double>("motcua.db.command.duration", unit: "ms");
    private static readonly Counter<long> Failures = MotCuaMeter.Instance.CreateCounter<long>("motcua.db.command.failures");

    /// <summary>A command that ran, also one sent outside EF (<see cref="Database.InsertBatch"/>).</summary>
    public static void Executed(TimeSpan duration)
    {
        Calls.Add(1);
        Duration.Record(duration.TotalMilliseconds);
    }

    public static void Failed() => Failures.Add(1);

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Executed(eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Executed(eventData.Duration);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Executed(eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Executed(eventData.Duration);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Executed(eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Failed();

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed();
        return Task.CompletedTask;
    }
}
