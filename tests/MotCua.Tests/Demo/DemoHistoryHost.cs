using Microsoft.AspNetCore.Hosting;
using MotCua.Tests.Infrastructure;

namespace MotCua.Tests.Demo;

/// <summary>
/// The demo as the README starts it, with its generated history (<c>MotCua:Demo:History</c>), on a real port for Chromium.
/// The clock stands at 10:00 in Vietnam on the day the tests run, so the history (up to yesterday) is the one that day gives.
/// Only this fixture loads the history: the other tests' factory leaves it off.
/// </summary>
public sealed class DemoHistoryHost : BrowserHost
{
    public static DateTimeOffset Today { get; } = new(DateTime.UtcNow.Date.AddHours(3), TimeSpan.Zero);

    public DemoHistoryHost() => Clock.SetNow(Today);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("MotCua:Demo:History", "true");
    }
}

[CollectionDefinition(Name)]
public sealed class DemoHistoryCollection : ICollectionFixture<DemoHistoryHost>
{
    public const string Name = "demo-history";
}
