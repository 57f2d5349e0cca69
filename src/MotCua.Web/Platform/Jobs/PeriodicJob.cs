using System.Globalization;
using MotCua.Web.Platform.Localization;

namespace MotCua.Web.Platform.Jobs;

/// <summary>
/// A background round on every web node, each <paramref name="interval"/>, in its own scope. Notices and history go to
/// Vietnamese citizens and officers, so a round writes Vietnamese whatever the server's locale. A round that fails is
/// logged and the next one runs; the rounds' use cases claim their rows in the database, so nodes never do one twice.
/// </summary>
internal abstract class PeriodicJob(IServiceScopeFactory scopes, TimeSpan interval, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>One round; what it did, for the log, or null when it did nothing.</summary>
    protected abstract Task<string?> RunRoundAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>True runs a round as the node starts, for work that may have waited while no node ran (queued messages).</summary>
    protected virtual bool RunsAtStart => false;

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = LocalizationModule.Vietnamese;
        using var timer = new PeriodicTimer(interval, clock);
        if (RunsAtStart)
        {
            await RunOnceAsync(stoppingToken);
        }

        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunOnceAsync(stoppingToken);
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            if (await RunRoundAsync(scope.ServiceProvider, stoppingToken) is { } done)
            {
                logger.LogInformation("{Job}: {Done}", GetType().Name, done);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "{Job} round failed; retrying next round", GetType().Name);
        }
    }
}
