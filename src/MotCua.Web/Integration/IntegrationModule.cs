using MotCua.Web.Identity;
using MotCua.Web.Integration.NationalPortal;
using MotCua.Web.Integration.Notices;
using MotCua.Web.Integration.Outbox;

namespace MotCua.Web.Integration;

internal static class IntegrationModule
{
    public static WebApplicationBuilder AddIntegration(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(OutboxOptions.Section).Get<OutboxOptions>() ?? new OutboxOptions();
        options.Folder = Path.Combine(builder.Environment.ContentRootPath, options.Folder);
        builder.Services.AddSingleton(options);
        var notices = builder.Configuration.GetSection(NoticeOptions.Section).Get<NoticeOptions>() ?? new NoticeOptions();
        builder.Services.AddSingleton(notices);
        builder.Services.AddScoped<Outbox.Outbox>();
        builder.Services.AddHttpClient(SmsGatewaySink.Client, client => client.Timeout = notices.Sms.Timeout);
        builder.Services.AddSingleton<INotificationSink>(services =>
        {
            var folder = new FolderSink(options);
            return new ChannelSinks(
                email: notices.Smtp.Host.Length > 0 ? new SmtpSink(notices.Smtp, services.GetRequiredService<Platform.Http.OutsideBreaker<SmtpSink>>()) : folder,
                sms: notices.Sms.Url.Length > 0
                    ? new SmsGatewaySink(services.GetRequiredService<IHttpClientFactory>(), notices.Sms, services.GetRequiredService<Platform.Http.OutsideBreaker<SmsGatewaySink>>())
                    : folder);
        });
        builder.Services.AddHostedService<OutboxWorker>();
        builder.AddNationalPortal();
        return builder;
    }

    public static IEndpointRouteBuilder MapIntegration(this IEndpointRouteBuilder app)
    {
        var notices = app.MapGroup("/api/v1/notices").WithTags("Notices");
        notices.MapGet("/", ListDeliveries.Handle).RequireAuthorization(Policies.SystemAdmin).WithName("ListNoticeDeliveries")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Tình trạng gửi thông báo: chờ gửi, đang thử lại, đã gửi, thất bại (thư chết)");
        notices.MapPost("/{id:long}/resend", ResendNotice.Handle).RequireAuthorization(Policies.SystemAdmin).WithName("ResendNotice")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Gửi lại một thông báo đã thất bại; ghi vào lịch sử");
        var mine = app.MapGroup("/api/v1/me/notice-channels").WithTags("Notices");
        mine.MapGet("/", ChooseNoticeChannels.Get).RequireAuthorization(Policies.Citizen).WithName("GetMyNoticeChannels")
            .WithSummary("Kênh nhận thông báo của tài khoản công dân");
        mine.MapPut("/", ChooseNoticeChannels.Put).RequireAuthorization(Policies.Citizen).WithName("ChooseMyNoticeChannels")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Chọn kênh nhận thông báo: thư điện tử, tin nhắn, hoặc không nhận");
        app.MapNationalPortal();
        return app;
    }
}
