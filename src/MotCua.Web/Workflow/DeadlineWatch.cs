using MotCua.Web.Platform.Jobs;

namespace MotCua.Web.Workflow;

/// <summary>
/// The background side of issue 6 on every web node: each <see cref="WorkflowOptions.WatchInterval"/> it closes dossiers
/// whose supplement never came and flags soon-due and overdue ones. The use cases claim their rows in the database, so
/// nodes running it at the same time neither close nor notify twice.
/// </summary>
internal sealed class DeadlineWatch(IServiceScopeFactory scopes, WorkflowOptions options, TimeProvider clock, ILogger<DeadlineWatch> logger)
    : PeriodicJob(scopes, options.WatchInterval, clock, logger)
{
    protected override async Task<string?> RunRoundAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var closed = await CloseUnsupplementedDossiers.RunAsync(services, cancellationToken);
        var flagged = await FlagDueDossiers.RunAsync(services, cancellationToken);
        return closed + flagged.DueSoon + flagged.Overdue > 0
            ? $"{closed} closed without supplement, {flagged.DueSoon} due soon, {flagged.Overdue} overdue"
            : null;
    }
}
