namespace MotCua.Web.Forms;

/// <summary>
/// A printable legal form (giấy tiếp nhận, phiếu yêu cầu bổ sung, phiếu từ chối, phiếu xin lỗi, phiếu
/// kiểm soát…) as data. The same slip renders as HTML for the browser's print and as PDF
/// (<see cref="SlipPdf"/>), so the two never disagree.
/// </summary>
internal sealed record Slip(
    string FormNumber,
    IReadOnlyList<string> IssuerLines,
    string Title,
    string? Subtitle,
    IReadOnlyList<SlipLine> Lines,
    SlipTable? Table,
    IReadOnlyList<SlipLine> LinesAfterTable,
    IReadOnlyList<SlipSignature> Signatures,
    string? QrPayload,
    string? QrCaption)
{
    public const string Nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string Motto = "Độc lập - Tự do - Hạnh phúc";
}

/// <summary>A line: a bold label (may be empty) and its text.</summary>
internal sealed record SlipLine(string Label, string Text);

internal sealed record SlipTable(IReadOnlyList<string> Headers, IReadOnlyList<double> Widths, IReadOnlyList<IReadOnlyList<string>> Rows);

internal sealed record SlipSignature(string Role, string Note, string? Name);
