using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MotCua.Web.Reporting.Outputs;

/// <summary>How a cell looks; each kind is one cell format of the workbook's style sheet.</summary>
internal enum XlsxStyle : uint
{
    Plain = 0,
    Text = 1,
    Header = 2,
    Title = 3,
    Count = 4,
    Rate = 5,
    Date = 6,
    DateTime = 7,
    Subtitle = 8,
    BoldText = 9,
    BoldCount = 10,
    BoldRate = 11,
}

/// <summary>One cell: text, or a number (counts, rates as fractions, dates as Excel serial days) with its style.</summary>
internal readonly record struct XlsxCell(string? Text, double? Number, XlsxStyle Style)
{
    public static XlsxCell Of(string? text, XlsxStyle style = XlsxStyle.Text) => new(text ?? "", null, style);

    public static XlsxCell Count(int value, bool bold = false) => new(null, value, bold ? XlsxStyle.BoldCount : XlsxStyle.Count);

    /// <summary>A rate stays a fraction (0.5712), so formulas over it work; an empty cell when there is no denominator.</summary>
    public static XlsxCell Rate(decimal? value, bool bold = false) =>
        value is { } v ? new(null, (double)v, bold ? XlsxStyle.BoldRate : XlsxStyle.Rate) : Of("", XlsxStyle.Text);

    public static XlsxCell Date(DateOnly? value) =>
        value is { } v ? new(null, v.ToDateTime(TimeOnly.MinValue).ToOADate(), XlsxStyle.Date) : Of("", XlsxStyle.Text);

    /// <summary>A Vietnamese wall-clock moment (the offset is dropped: Excel has no time zones).</summary>
    public static XlsxCell Moment(DateTimeOffset? value) =>
        value is { } v ? new(null, v.DateTime.ToOADate(), XlsxStyle.DateTime) : Of("", XlsxStyle.Text);
}

/// <summary>A sheet being written: title rows merged across the table, then the table.</summary>
internal sealed class XlsxSheet(string name, double[] widths)
{
    public string Name { get; } = name.Length > 31 ? name[..31] : name;
    public double[] Widths { get; } = widths;
    public List<XlsxCell[]> Rows { get; } = [];
    public List<string> Merges { get; } = [];
    public bool Landscape { get; init; } = true;

    /// <summary>A line across the whole width (form headings, the unit, the period).</summary>
    public XlsxSheet Line(string text, XlsxStyle style = XlsxStyle.Title)
    {
        Merges.Add($"A{Rows.Count + 1}:{Xlsx.Column(Widths.Length - 1)}{Rows.Count + 1}");
        Rows.Add([XlsxCell.Of(text, style)]);
        return this;
    }

    public XlsxSheet Row(params XlsxCell[] cells)
    {
        Rows.Add(cells);
        return this;
    }

    public XlsxSheet Blank()
    {
        Rows.Add([]);
        return this;
    }
}

/// <summary>
/// A small xlsx writer over DocumentFormat.OpenXml. The vi-VN look must not depend on the reader's locale, and Excel
/// renders the separators of <c>#,##0</c> and <c>0.0%</c> and the <c>/</c> of dates from the reader's settings. So:
/// counts are numeric cells whose format puts literal dots between groups (<c>#\.##0</c> under conditions), which shows
/// 3.743 everywhere and keeps the value a number; dates are real date cells with escaped separators (22/11/2026 everywhere).
/// Rates stay numeric fractions formatted <c>0.0%</c>: a format code cannot force a decimal comma without changing the
/// stored value, so they read 57,1% under a Vietnamese locale and 57.1% under an English one. That is the one concession.
/// </summary>
internal static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Conditional sections: up to 999.999.999; counts are never negative.
    private const string CountFormat = @"[>=1000000]#\.###\.##0;[>=1000]#\.##0;0";
    private const string RateFormat = "0.0%";
    private const string DateFormat = @"dd\/mm\/yyyy";
    private const string DateTimeFormat = @"dd\/mm\/yyyy\ hh\:mm";

    public static byte[] Write(params XlsxSheet[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var list = new Sheets();
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                WriteSheet(part, sheet);
                list.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = sheet.Name });
            }

            workbook.Workbook.Append(list);
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    public static string Column(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>Streams the sheet (SAX-style): a ten-month ledger has hundreds of thousands of cells, too many to build as a DOM first.</summary>
    private static void WriteSheet(WorksheetPart part, XlsxSheet sheet)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new Columns(sheet.Widths.Select((w, i) =>
            new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })));
        writer.WriteStartElement(new SheetData());
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            writer.WriteStartElement(new Row { RowIndex = (uint)r + 1 });
            var number = (r + 1).ToString(CultureInfo.InvariantCulture);
            for (var c = 0; c < sheet.Rows[r].Length; c++)
            {
                writer.WriteElement(Cell(sheet.Rows[r][c], Column(c) + number));
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        if (sheet.Merges.Count > 0)
        {
            writer.WriteElement(new MergeCells(sheet.Merges.Select(m => new MergeCell { Reference = m })));
        }

        writer.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.5, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = sheet.Landscape ? OrientationValues.Landscape : OrientationValues.Portrait });
        writer.WriteEndElement();
    }

    private static Cell Cell(XlsxCell cell, string reference) => cell.Number is { } number
        ? new Cell { CellReference = reference, StyleIndex = (uint)cell.Style, CellValue = new CellValue(number.ToString("R", CultureInfo.InvariantCulture)) }
        : new Cell
        {
            CellReference = reference,
            StyleIndex = (uint)cell.Style,
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(cell.Text ?? "") { Space = SpaceProcessingModeValues.Preserve }),
        };

    private static Stylesheet Styles()
    {
        var formats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = CountFormat },
            new NumberingFormat { NumberFormatId = 165, FormatCode = RateFormat },
            new NumberingFormat { NumberFormatId = 166, FormatCode = DateFormat },
            new NumberingFormat { NumberFormatId = 167, FormatCode = DateTimeFormat });
        var fonts = new Fonts(
            Font(false, 11, false),
            Font(true, 11, false),
            Font(true, 13, false),
            Font(false, 11, true));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }));
        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(Side<LeftBorder>(), Side<RightBorder>(), Side<TopBorder>(), Side<BottomBorder>(), new DiagonalBorder()));

        // The order follows XlsxStyle: the enum value is the cell format's index.
        var cellFormats = new CellFormats(
            Format(0, 0, 0, null, false),
            Format(0, 0, 1, HorizontalAlignmentValues.Left, true),
            Format(0, 1, 1, HorizontalAlignmentValues.Center, true),
            Format(0, 2, 0, HorizontalAlignmentValues.Center, true),
            Format(164, 0, 1, HorizontalAlignmentValues.Right, false),
            Format(165, 0, 1, HorizontalAlignmentValues.Right, false),
            Format(166, 0, 1, HorizontalAlignmentValues.Center, false),
            Format(167, 0, 1, HorizontalAlignmentValues.Center, false),
            Format(0, 3, 0, HorizontalAlignmentValues.Center, true),
            Format(0, 1, 1, HorizontalAlignmentValues.Left, true),
            Format(164, 1, 1, HorizontalAlignmentValues.Right, false),
            Format(165, 1, 1, HorizontalAlignmentValues.Right, false));
        return new Stylesheet(formats, fonts, fills, borders, cellFormats);
    }

    private static Font Font(bool bold, double size, bool italic)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }

        if (italic)
        {
            font.Append(new Italic());
        }

        font.Append(new FontSize { Val = size });
        font.Append(new FontName { Val = "Times New Roman" });
        return font;
    }

    private static T Side<T>()
        where T : BorderPropertiesType, new() => new() { Style = BorderStyleValues.Thin };

    private static CellFormat Format(uint numberFormat, uint font, uint border, HorizontalAlignmentValues? horizontal, bool wrap)
    {
        var format = new CellFormat
        {
            NumberFormatId = numberFormat,
            FontId = font,
            FillId = 0,
            BorderId = border,
            ApplyNumberFormat = numberFormat != 0,
            ApplyFont = font != 0,
            ApplyBorder = border != 0,
        };
        if (horizontal is not null || wrap)
        {
            format.ApplyAlignment = true;
            format.Append(new Alignment { Horizontal = horizontal, Vertical = VerticalAlignmentValues.Center, WrapText = wrap });
        }

        return format;
    }
}
