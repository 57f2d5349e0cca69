using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Jobs;

namespace MotCua.Web.Audit;

internal static class AuditModule
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, AppendOnlyGuard>();
        builder.Services.AddHostedService<DigestWorker>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.SystemAdmin);
        api.MapGet("/verify", VerifyAuditChain.Handle).WithName("VerifyAuditChain").WithSummary("Kiểm tra chuỗi băm của nhật ký thay đổi");
        api.MapPost("/digests", SealAuditDigest.Handle).WithName("SealAuditDigest").WithSummary("Niêm phong bản tóm lược nhật ký thay đổi");
        return app;
    }

    /// <summary>Seals a digest every hour so that a deleted stream is noticed by the next verify.</summary>
    private sealed class DigestWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DigestWorker> logger)
        : PeriodicJob(scopes, TimeSpan.FromHours(1), clock, logger)
    {
        protected override async Task<string?> RunRoundAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            await SealAuditDigest.SealAsync(services.GetRequiredService<MotCuaDbContext>(), services.GetRequiredService<TimeProvider>(), cancellationToken);
            return null;
        }
    }
}
