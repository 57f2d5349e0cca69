using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.CitizenIdentity;

/// <summary>Citizen sign-in with the national identity (issue 20 part 4) and the reuse of what the state already holds when a citizen
/// submits online (part 5, Decision 766 indicator 4.3).</summary>
internal static class CitizenIdentityModule
{
    public static WebApplicationBuilder AddCitizenIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NationalIdentityOptions>().Bind(builder.Configuration.GetSection(NationalIdentityOptions.Section))
            .Validate(o => o.Authority.Length == 0 || Uri.IsWellFormedUriString(o.Authority, UriKind.Absolute), "MotCua:NationalIdentity:Authority must be absolute")
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Retries >= 0, "MotCua:NationalIdentity: the timeout must be positive and the retries not negative")
            .ValidateOnStart();
        builder.Services.AddHttpClient(IdentityProviderClient.HttpClientName, (services, client) =>
        {
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NationalIdentityOptions>>().Value;
            // The pipeline's timeout bounds each attempt; this bounds a call with its retries.
            client.Timeout = options.Timeout * (options.Retries + 2);
        });
        builder.Services.AddSingleton<IdentityProviderClient>();
        builder.Services.AddSingleton<IdTokenValidator>();
        builder.Services.AddScoped<LinkNationalIdentity>();
        builder.Services.AddScoped<CitizenProfile>();
        builder.Services.AddScoped<DataReuse>();
        builder.Services.AddScoped<Reporting.Outputs.IDecision766Source, DataReuseShare>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCitizenIdentity(this IEndpointRouteBuilder app)
    {
        // Browser steps of the sign-in, not API operations: they answer redirects.
        app.MapGet(SignInWithNationalIdentity.StartPath, SignInWithNationalIdentity.Start).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).ExcludeFromDescription();
        app.MapGet(SignInWithNationalIdentity.CallbackPath, SignInWithNationalIdentity.Callback).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .ExcludeFromDescription();
        app.MapGet("/api/v1/my-profile", CitizenProfile.Handle).RequireAuthorization(Policies.Citizen).WithTags("Online dossiers").WithName("GetMyReusableData")
            .WithSummary("Dữ liệu đã có của tôi để điền sẵn hồ sơ mới: danh tính đã xác thực, chủ hồ sơ lần trước, giấy tờ đã nộp hoặc kết quả đã nhận");
        return app;
    }
}
