using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MotCua.Web.Platform.Observability;

/// <summary>Counts database commands and their duration on the built-in <see cref="Meter"/> API.</summary>
internal sealed class DbCallMetrics : DbCommandInterceptor
{
    private readonly Counter<long> _calls = MotCuaMeter.Instance.CreateCounter<long>("motcua.db.commands", description: "Database commands executed");
    private readonly Histogram<double> _duration = MotCuaMeter.Instance.CreateHistogram<double>("motcua.db.command.duration", unit: "ms");
    private readonly Counter<long> _failures = MotCuaMeter.Instance.CreateCounter<long>("motcua.db.command.failures");

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Record(eventData.Duration);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Record(eventData.Duration);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => _failures.Add(1);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _failures.Add(1);
        return Task.CompletedTask;
    }

    private void Record(TimeSpan duration)
    {
        _calls.Add(1);
        _duration.Record(duration.TotalMilliseconds);
    }
}
