using MotCua.Web.Integration.Outbox;

namespace MotCua.Web.Integration;

internal static class IntegrationModule
{
    public static WebApplicationBuilder AddIntegration(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(OutboxOptions.Section).Get<OutboxOptions>() ?? new OutboxOptions();
        options.Folder = Path.Combine(builder.Environment.ContentRootPath, options.Folder);
        builder.Services.AddSingleton(options);
        builder.Services.AddScoped<Outbox.Outbox>();
        builder.Services.AddSingleton<INotificationSink, FolderSink>();
        builder.Services.AddHostedService<OutboxWorker>();
        return builder;
    }
}
