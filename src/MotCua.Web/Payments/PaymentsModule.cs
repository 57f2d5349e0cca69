using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using MotCua.Web.Identity;

namespace MotCua.Web.Payments;

/// <summary>Fees and payments (issue 19): charges from the fee schedule, every payment, e-receipts, the online gateway with its
/// notice, reconciliation and refunds, and the fee reports feeding Decision 766.</summary>
internal static class PaymentsModule
{
    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PaymentOptions>().Bind(builder.Configuration.GetSection(PaymentOptions.Section))
            .Validate(o => o.Gateway.BaseUrl.Length == 0 || Uri.IsWellFormedUriString(o.Gateway.BaseUrl, UriKind.Absolute), "MotCua:Payments:Gateway:BaseUrl must be absolute")
            .ValidateOnStart();
        builder.Services.AddScoped<ReceiptIssuer>();
        builder.Services.AddScoped<PaymentBook>();
        builder.Services.AddScoped<OnlineSettlement>();
        builder.Services.AddScoped<Reconcile>();
        builder.Services.AddHttpClient<GatewayClient>((services, client) =>
            // The pipeline's own timeout bounds each attempt; this bounds the whole call with its retries.
            client.Timeout = services.GetRequiredService<IOptions<PaymentOptions>>().Value.Gateway.Timeout * 4);
        builder.Services.AddScoped<Reporting.Outputs.IDecision766Source, PaymentInputs>();
        builder.Services.AddHostedService<ReconciliationJob>();
        // The gateway sends the citizen back to the return page, which may open in a browser whose session has ended.
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions.AllowAnonymousToPage("/Payments/Return"));
        return builder;
    }

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        var dossier = app.MapGroup("/api/v1/dossiers/{code}").WithTags("Payments").RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        dossier.MapGet("/charges", GetDossierPayments.Handle).WithName("GetDossierCharges").WithSummary("Các khoản phí, lệ phí, nghĩa vụ tài chính; các lần nộp tiền và biên lai của hồ sơ");
        dossier.MapPost("/charges", AddCharges.Handle).WithName("AddDossierCharges")
            .WithSummary("Áp các khoản phí, lệ phí theo biểu phí của thủ tục vào hồ sơ; miễn, giảm phải nêu căn cứ pháp lý");
        dossier.MapPost("/payments", CollectAtCounter.Handle).WithName("CollectAtCounter")
            .WithSummary("Bộ phận Một cửa thu tiền tại quầy (tiền mặt, thẻ, chuyển khoản) và lập biên lai điện tử");

        app.MapPost("/api/v1/my-dossiers/{id:guid}/online-payment", StartOnlinePayment.Handle).WithTags("Payments").RequireAuthorization(Policies.Citizen)
            .WithName("StartOnlinePayment").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Chủ hồ sơ thanh toán trực tuyến: tạo giao dịch và trả địa chỉ chuyển sang cổng thanh toán");

        var payments = app.MapGroup("/api/v1/payments").WithTags("Payments");
        payments.MapGet("/gateway/ipn", ReceiveIpn.Handle).AllowAnonymous().WithName("ReceivePaymentNotice")
            .WithSummary("Cổng thanh toán báo kết quả giao dịch (IPN, máy chủ tới máy chủ, có chữ ký HMAC-SHA512)");
        payments.MapPost("/reconciliation", Reconcile.Handle).RequireAuthorization(Policies.Staff).WithName("ReconcilePayments")
            .WithSummary("Đối soát giao dịch trực tuyến của một ngày với cổng thanh toán; trả báo cáo chênh lệch");
        payments.MapPost("/{id:guid}/refunds", RefundPayment.Handle).RequireAuthorization(Policies.Staff).WithName("RefundPayment")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Hoàn tiền một lần nộp (qua cổng thanh toán nếu đã nộp trực tuyến), có lý do");
        payments.MapGet("/report", FeeReport.Handle).RequireAuthorization(Policies.Staff).WithName("GetFeeReport").ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Phí, lệ phí đã thu theo đơn vị, thủ tục trong kỳ; tỷ lệ thanh toán trực tuyến");

        var receipts = app.MapGroup("/api/v1/receipts").WithTags("Payments").RequireAuthorization(Policies.Staff);
        receipts.MapGet("/", ListReceipts.Handle).WithName("ListReceipts").ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Sổ theo dõi biên lai điện tử của đơn vị trong kỳ, kể cả biên lai đã hủy, thay thế");
        receipts.MapPost("/{id:guid}/cancel", CancelReceipt.Handle).WithName("CancelReceipt").ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Hủy hoặc thay thế biên lai điện tử, có lý do; biên lai cũ vẫn được lưu");
        return app;
    }
}
