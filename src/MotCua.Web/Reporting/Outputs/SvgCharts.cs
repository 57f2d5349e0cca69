using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace MotCua.Web.Reporting.Outputs;

/// <summary>
/// Horizontal bar charts as inline SVG, drawn on the server: no script, no chart library, nothing fetched from a CDN.
/// Each chart is an image with a title and a description for screen readers; the page puts the same numbers in a table
/// beside it. Colours are presentation attributes, because the content security policy forbids inline styles.
/// </summary>
internal static class SvgCharts
{
    public sealed record Bar(string Label, decimal Value, string Text);

    private const int LabelWidth = 230;
    private const int BarArea = 330;
    private const int RowHeight = 26;
    private const int MaxLabel = 38;

    /// <param name="max">The value of a full-length bar (1 for rates); bars are drawn in proportion to it.</param>
    public static IHtmlContent Bars(string id, string title, string description, IReadOnlyList<Bar> bars, decimal max, string empty)
    {
        var height = (Math.Max(bars.Count, 1) * RowHeight) + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 660 {height}\" width=\"660\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title><desc id=\"{id}-desc\">{Encode(description)}</desc>");
        if (bars.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"20\" fill=\"#555\">{Encode(empty)}</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = (i * RowHeight) + 4;
            var width = max <= 0 ? 0 : (int)Math.Round(BarArea * Math.Clamp(bar.Value / max, 0m, 1m));
            var label = bar.Label.Length > MaxLabel ? bar.Label[..(MaxLabel - 1)] + "…" : bar.Label;
            svg.Append(CultureInfo.InvariantCulture,
                $"<g><title>{Encode(bar.Label)}: {Encode(bar.Text)}</title>" +
                $"<text x=\"{LabelWidth - 6}\" y=\"{y + 14}\" text-anchor=\"end\" font-size=\"12\" fill=\"#222\">{Encode(label)}</text>" +
                $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{BarArea}\" height=\"18\" fill=\"#eef1f5\"/>" +
                $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{width}\" height=\"18\" fill=\"#1d5fa8\"/>" +
                $"<text x=\"{LabelWidth + BarArea + 6}\" y=\"{y + 14}\" font-size=\"12\" fill=\"#222\">{Encode(bar.Text)}</text></g>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
