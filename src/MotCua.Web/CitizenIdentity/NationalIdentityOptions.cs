namespace MotCua.Web.CitizenIdentity;

/// <summary>
/// The national identity's OpenID provider (the single sign-on of the national public service portal, VNeID behind it) as this
/// installation is registered with it (<c>MotCua:NationalIdentity</c>). With no authority the sign-in button is not shown and
/// nothing calls out: passwords keep working.
/// </summary>
internal sealed class NationalIdentityOptions
{
    public const string Section = "MotCua:NationalIdentity";

    /// <summary>The issuer; its discovery document is <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>Sent with client_secret_post; empty for a public client (PKCE alone then binds the code to this browser).</summary>
    public string ClientSecret { get; set; } = "";

    public string Scope { get; set; } = "openid profile citizen";

    /// <summary>The claim carrying the 12-digit personal identification number (the CCCD number).</summary>
    public string IdNumberClaim { get; set; } = "citizen_id";

    /// <summary>Each call to the provider; with the retries it bounds how long a citizen waits before the sign-in page says it is down.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public int Retries { get; set; } = 1;

    /// <summary>How long the discovery document and the signing keys are kept before being fetched again.</summary>
    public TimeSpan MetadataFor { get; set; } = TimeSpan.FromHours(1);

    public bool Enabled => Authority.Length > 0 && ClientId.Length > 0;
}
