using System.Globalization;
using System.Text;

namespace MotCua.Web.Catalog;

/// <summary>Vietnamese text folded for search: lower case, no diacritics (đ → d), single spaces. Stored next
/// to the name, so that "dang ky khai sinh" matches "Đăng ký khai sinh" with a plain LIKE on any database.</summary>
internal static class SearchTerms
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = folded.Length > 0;
                continue;
            }

            if (space)
            {
                folded.Append(' ');
                space = false;
            }

            folded.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }

        return folded.ToString();
    }

    /// <summary>The words of a query, folded, at most eight of them.</summary>
    public static string[] Words(string? query) =>
        Normalize(query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Take(8).ToArray();
}
