using MotCua.Web.Platform.Jobs;

namespace MotCua.Web.Privacy;

/// <summary>On every web node, each <see cref="PrivacyOptions.PurgeInterval"/>: erases the people's data of dossiers whose retention has ended.</summary>
internal sealed class RetentionWatch(IServiceScopeFactory scopes, PrivacyOptions options, TimeProvider clock, ILogger<RetentionWatch> logger)
    : PeriodicJob(scopes, options.PurgeInterval, clock, logger)
{
    protected override async Task<string?> RunRoundAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        await PurgeExpiredPersonalData.RunAsync(services, cancellationToken) is var erased and > 0
            ? $"personal data of {erased} dossiers erased"
            : null;
}
