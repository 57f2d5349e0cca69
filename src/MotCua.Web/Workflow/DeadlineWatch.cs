using System.Globalization;
using MotCua.Web.Platform.Localization;

namespace MotCua.Web.Workflow;

/// <summary>
/// The background side of issue 6 on every web node: each <see cref="WorkflowOptions.WatchInterval"/> it closes dossiers
/// whose supplement never came and flags soon-due and overdue ones. The use cases claim their rows in the database, so
/// nodes running it at the same time neither close nor notify twice.
/// </summary>
internal sealed class DeadlineWatch(IServiceScopeFactory scopes, WorkflowOptions options, TimeProvider clock, ILogger<DeadlineWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Notices go to Vietnamese citizens and officers: the text is Vietnamese whatever the server's locale.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = LocalizationModule.Vietnamese;
        using var timer = new PeriodicTimer(options.WatchInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var closed = await CloseUnsupplementedDossiers.RunAsync(scope.ServiceProvider, stoppingToken);
                var flagged = await FlagDueDossiers.RunAsync(scope.ServiceProvider, stoppingToken);
                if (closed + flagged.DueSoon + flagged.Overdue > 0)
                {
                    logger.LogInformation("Deadline watch: {Closed} closed without supplement, {DueSoon} due soon, {Overdue} overdue", closed, flagged.DueSoon, flagged.Overdue);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Deadline watch round failed; retrying next round");
            }
        }
    }
}
