using System.Globalization;
using MotCua.Web.Platform.Localization;

namespace MotCua.Web.Privacy;

/// <summary>On every web node, each <see cref="PrivacyOptions.PurgeInterval"/>: erases the people's data of dossiers whose retention has ended.</summary>
internal sealed class RetentionWatch(IServiceScopeFactory scopes, PrivacyOptions options, TimeProvider clock, ILogger<RetentionWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = LocalizationModule.Vietnamese;
        using var timer = new PeriodicTimer(options.PurgeInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var erased = await PurgeExpiredPersonalData.RunAsync(scope.ServiceProvider, stoppingToken);
                if (erased > 0)
                {
                    logger.LogInformation("Retention: personal data of {Erased} dossiers erased", erased);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Retention round failed; retrying next round");
            }
        }
    }
}
