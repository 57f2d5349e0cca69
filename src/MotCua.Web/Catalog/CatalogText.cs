using System.Globalization;
using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Localization;

namespace MotCua.Web.Catalog;

/// <summary>How the portal writes times, fees and counts: Vietnamese words, vi-VN numbers (2.000 đ; 57,1%).</summary>
internal static class CatalogText
{
    private static CultureInfo Vi => LocalizationModule.Vietnamese;

    public static string Time(IStringLocalizer localizer, int amount, TimeUnit unit, TimeOnly? cutoff)
    {
        var text = localizer["TimeUnit." + unit, amount.ToString("N0", Vi)].Value;
        return cutoff is { } c ? text + " " + localizer["Catalog.Cutoff", c.ToString("HH:mm", CultureInfo.InvariantCulture)].Value : text;
    }

    public static string Money(long amount) => amount.ToString("N0", Vi) + " đ";

    public static string Fee(IStringLocalizer localizer, long amount) => amount == 0 ? localizer["Catalog.Free"].Value : Money(amount);

    public static string Count(int count) => count.ToString("N0", Vi);

    public static string Percent(int part, int total) => total == 0 ? "0%" : (100.0 * part / total).ToString("0.#", Vi) + "%";

    public static string Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";
}
