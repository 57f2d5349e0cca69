using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace MotCua.Web.Platform.Localization;

internal static class LocalizationModule
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Asia/Ho_Chi_Minh has had no daylight saving since 1975, so display is UTC+7.</summary>
    public static readonly TimeZoneInfo VietnamTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public static WebApplicationBuilder AddLocalizationModule(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            CultureInfo[] cultures = [Vietnamese, CultureInfo.GetCultureInfo("en")];
            options.DefaultRequestCulture = new RequestCulture(Vietnamese);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // Vietnamese first whatever the browser says; English only by explicit choice (cookie or ?culture=).
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return builder;
    }

    public static DateTimeOffset ToVietnamTime(this DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), VietnamTime);

    public static string ToVietnamTimeText(this DateTime utc) =>
        utc.ToVietnamTime().ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
