using MotCua.Web.Reporting.Outputs;

namespace MotCua.Web.Signatures;

/// <summary>Signed documents (issue 19): PAdES results signed at the leader's approval, and their public verification (/xac-thuc).</summary>
internal static class SignaturesModule
{
    public static WebApplicationBuilder AddSignatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PadesSigner>();
        builder.Services.AddSingleton<TrustedRoots>();
        builder.Services.AddScoped<UnitSignatures>();
        builder.Services.AddScoped<VerifyDocument.Checker>();
        builder.Services.AddScoped<IDecision766Source, SignedResultsShare>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSignatures(this IEndpointRouteBuilder app)
    {
        var signatures = app.MapGroup("/api/v1/signatures").WithTags("Signatures").AllowAnonymous();
        signatures.MapPost("/verify", VerifyDocument.Handle).DisableAntiforgery().RequireRateLimiting(Platform.Http.RateLimits.Tracking).WithName("VerifySignedDocument")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Xác thực chữ ký số của tệp PDF: hợp lệ hay không, ai ký, khi nào, có khớp với bản MotCua đã ký không");
        signatures.MapGet("/{id:guid}", VerifyDocument.Get).RequireRateLimiting(Platform.Http.RateLimits.Tracking).WithName("GetSignedDocument")
            .WithSummary("Bản ghi của MotCua về một văn bản đã ký (mã trong mã QR trên văn bản)");
        return app;
    }
}
