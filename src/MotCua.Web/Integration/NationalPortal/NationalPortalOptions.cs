namespace MotCua.Web.Integration.NationalPortal;

/// <summary>The connection to the National Public Service Portal (Cổng Dịch vụ công quốc gia) as the portal registered this system.</summary>
internal sealed class NationalPortalOptions
{
    public const string Section = "MotCua:NationalPortal";

    /// <summary>The portal adapter's address (the login is <c>{Url}/auth</c>, the sync <c>{Url}/sync</c>); empty: the sync waits and nothing is sent.</summary>
    public string Url { get; set; } = "";

    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";

    /// <summary>Each call gives up after this; a timeout counts as a failure for the retry and the breaker.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries within one delivery attempt, for a passing failure; the outbox retries later with a back-off beyond that.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>The breaker opens when at least this many calls were made in <see cref="BreakSampling"/> and half of them failed.</summary>
    public int BreakAfter { get; set; } = 4;

    public TimeSpan BreakSampling { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>While open, no call goes out: the messages wait this long and are tried again without using up an attempt.</summary>
    public TimeSpan BreakFor { get; set; } = TimeSpan.FromSeconds(30);

    public bool Configured => Url.Length > 0;
}
