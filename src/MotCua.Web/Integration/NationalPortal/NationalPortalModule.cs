using MotCua.Web.Identity;

namespace MotCua.Web.Integration.NationalPortal;

/// <summary>The sync with the National Public Service Portal (issue 20 part 3): client, acknowledgements, dead letters, Decision 766 1.4.</summary>
internal static class NationalPortalModule
{
    public static WebApplicationBuilder AddNationalPortal(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(NationalPortalOptions.Section).Get<NationalPortalOptions>() ?? new NationalPortalOptions();
        if (options.Configured && !Uri.IsWellFormedUriString(options.Url, UriKind.Absolute))
        {
            throw new InvalidOperationException(NationalPortalOptions.Section + ":Url must be an absolute address");
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<PortalConnection>();
        // The pipeline's timeout bounds each attempt; this bounds a call with its retries.
        builder.Services.AddHttpClient<NationalPortalClient>(client => client.Timeout = options.Timeout * (options.Retries + 2));
        builder.Services.AddScoped<Reporting.Outputs.IDecision766Source, PortalSyncShare>();
        return builder;
    }

    public static IEndpointRouteBuilder MapNationalPortal(this IEndpointRouteBuilder app)
    {
        var messages = app.MapGroup("/api/v1/national-portal/messages").WithTags("National portal").RequireAuthorization(Policies.SystemAdmin)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        messages.MapGet("/", ListPortalSync.Handle).WithName("ListPortalSync")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia: chờ gửi, đang thử lại, đã được Cổng xác nhận, thất bại (thư chết)");
        messages.MapPost("/{id:long}/resend", ResendPortalMessage.Handle).WithName("ResendPortalMessage")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Gửi lại lên Cổng Dịch vụ công quốc gia một bản tin đã thất bại; ghi vào lịch sử");
        return app;
    }
}
