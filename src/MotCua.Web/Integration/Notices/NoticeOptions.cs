namespace MotCua.Web.Integration.Notices;

/// <summary>
/// Where notices go (<c>MotCua:Notices</c>). A channel without a server configured falls back to the development folder
/// (<see cref="Outbox.FolderSink"/>), so a demo runs without outside systems.
/// </summary>
internal sealed class NoticeOptions
{
    public const string Section = "MotCua:Notices";

    /// <summary>The portal's public address, for links in notices (the rating link); relative links when empty.</summary>
    public string PublicBaseUrl { get; set; } = "";

    public SmtpOptions Smtp { get; set; } = new();

    public SmsGatewayOptions Sms { get; set; } = new();

    public string Link(string pathAndQuery) => PublicBaseUrl.TrimEnd('/') + pathAndQuery;
}

internal sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;

    /// <summary>Use STARTTLS when the server offers it (and require it when true).</summary>
    public bool RequireTls { get; set; }

    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public string From { get; set; } = "MotCua <khong-tra-loi@motcua.local>";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>An HTTP SMS gateway (brandname SMS): the messages endpoint, its credentials, and the template id the operator
/// registered for each notice (keyed by the notice's resource key without <c>Notice.</c>, e.g. <c>Returned</c>).</summary>
internal sealed class SmsGatewayOptions
{
    public string Url { get; set; } = "";
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public Dictionary<string, string> Templates { get; set; } = [];

    /// <summary>The template id for a notice that has none of its own.</summary>
    public string DefaultTemplate { get; set; } = "MOTCUA";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
