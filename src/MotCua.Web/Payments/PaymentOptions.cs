namespace MotCua.Web.Payments;

/// <summary>Receipt numbering and the payment gateway (section <c>MotCua:Payments</c>).</summary>
internal sealed class PaymentOptions
{
    public const string Section = "MotCua:Payments";

    /// <summary>Ký hiệu mẫu biên lai. Circular 78/2021/TT-BTC (kept by Circular 32/2025/TT-BTC): the fee-receipt template
    /// symbol, e.g. <c>01BLP0-001</c> as registered with the tax authority (check the unit's registration).</summary>
    public string Template { get; set; } = "01BLP0-001";

    /// <summary>Ký hiệu biên lai: two letters, then the year's last two digits and E (electronic) are added, e.g. AA-26E.</summary>
    public string SeriesLetters { get; set; } = "AA";

    public GatewayOptions Gateway { get; set; } = new();

    /// <summary>When the daily reconciliation runs (Vietnam time); it compares the previous day's orders.</summary>
    public TimeOnly ReconcileAt { get; set; } = new(1, 0);

    public string SeriesFor(int year) => FormattableString.Invariant($"{SeriesLetters}-{year % 100:00}E");
}

/// <summary>The merchant's registration with the payment gateway (a VNPAY-style gateway, API version 2.1.0).</summary>
internal sealed class GatewayOptions
{
    /// <summary>The gateway's address; empty: online payment is off and the page says so.</summary>
    public string BaseUrl { get; set; } = "";

    public string TmnCode { get; set; } = "MOTCUA01";
    public string HashSecret { get; set; } = "";

    /// <summary>How long the citizen has to pay on the gateway's page.</summary>
    public TimeSpan PayWithin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Each call to the gateway (status query, refund) gives up after this; retried with a back-off.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public int Retries { get; set; } = 2;

    public bool Enabled => BaseUrl.Length > 0 && HashSecret.Length > 0;
}
