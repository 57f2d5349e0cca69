using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MotCua.Web.Platform.Http;

/// <summary>Bound from <c>MotCua:Proxy</c>: the reverse proxies (nginx terminating TLS) whose forwarded headers are believed.</summary>
internal sealed class ProxyOptions
{
    public const string Section = "MotCua:Proxy";

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

/// <summary>
/// Behind a TLS-terminating proxy the app sees the proxy's address and plain HTTP. <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> give back the client's address (for rate limits, sessions and logs) and HTTPS (for
/// <c>Secure</c> cookies and HSTS), but only from a configured proxy: anyone else could claim any address. With none
/// configured, no forwarded header is believed, not even from loopback.
/// </summary>
internal static class Proxies
{
    public static WebApplicationBuilder AddProxies(this WebApplicationBuilder builder)
    {
        var proxy = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // One proxy in front: the address it appended is the client's; earlier entries are the client's own claims.
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in proxy.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(address));
            }

            foreach (var network in proxy.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }
}
