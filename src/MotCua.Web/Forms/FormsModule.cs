namespace MotCua.Web.Forms;

internal static class FormsModule
{
    public static WebApplicationBuilder AddForms(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(FormsOptions.Section).Get<FormsOptions>() ?? new FormsOptions());
        builder.Services.AddSingleton<SlipPdf>();
        return builder;
    }
}
