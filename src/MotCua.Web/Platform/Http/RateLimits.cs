using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace MotCua.Web.Platform.Http;

internal sealed class RateLimitOptions
{
    public const string Section = "MotCua:RateLimits";

    /// <summary>Requests a minute from one client address to a public endpoint.</summary>
    public int PublicPerMinute { get; set; } = 120;

    /// <summary>Sign-in and registration attempts a minute from one client address.</summary>
    public int SignInPerMinute { get; set; } = 20;

    /// <summary>Tracking look-ups a minute from one client address: enough for a family, too few to guess codes.</summary>
    public int TrackingPerMinute { get; set; } = 30;
}

/// <summary>Fixed-window limits per client address on the public endpoints (429 ProblemDetails when exceeded).</summary>
internal static class RateLimits
{
    public const string Public = "public";
    public const string SignIn = "sign-in";
    public const string Tracking = "tracking";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Public, context => Window(context, Public, options.PublicPerMinute));
            limiter.AddPolicy(SignIn, context => Window(context, SignIn, options.SignInPerMinute));
            limiter.AddPolicy(Tracking, context => Window(context, Tracking, options.TrackingPerMinute));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                // RFC 6585 §4: say when to come back.
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests },
                });
            };
        });
        return builder;
    }

    /// <summary>A policy's fixed window of <paramref name="permits"/> a minute per client address; modules with limits of their
    /// own (ratings, petitions) add their policies with it, and get the same 429 answer.</summary>
    public static RateLimitPartition<string> Window(HttpContext context, string policy, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(
            policy + ":" + (context.Connection.RemoteIpAddress?.ToString() ?? "local"),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
