using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MotCua.Tests.Reporting.Outputs;

/// <summary>An exported workbook opened with DocumentFormat.OpenXml, read cell by cell as Excel would.</summary>
internal sealed class Workbook : IDisposable
{
    private readonly MemoryStream _stream;
    private readonly SpreadsheetDocument _document;

    public Workbook(byte[] bytes)
    {
        _stream = new MemoryStream(bytes);
        _document = SpreadsheetDocument.Open(_stream, false);
    }

    /// <summary>What the Open XML schema validator finds wrong (Excel refuses or repairs such a file); empty when none.</summary>
    public IReadOnlyList<string> SchemaErrors =>
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(_document).Select(e => e.Path?.XPath + ": " + e.Description).ToList();

    public IReadOnlyList<string> SheetNames =>
        _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    public string Text(int sheet, string reference) => Cell(sheet, reference)?.InnerText ?? "";

    public double Number(int sheet, string reference) =>
        double.Parse(Cell(sheet, reference)?.CellValue?.Text ?? throw new InvalidOperationException(reference + " is empty"), CultureInfo.InvariantCulture);

    /// <summary>The number format code the cell is shown with.</summary>
    public string Format(int sheet, string reference)
    {
        var styles = _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(Cell(sheet, reference)!.StyleIndex?.Value ?? 0));
        var id = format.NumberFormatId?.Value ?? 0;
        return styles.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(n => n.NumberFormatId?.Value == id)?.FormatCode?.Value ?? "General";
    }

    public DateTime Date(int sheet, string reference) => DateTime.FromOADate(Number(sheet, reference));

    /// <summary>How many rows the sheet has (title lines, header and data).</summary>
    public int RowCount(int sheet) => Part(sheet).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Count();

    public void Dispose()
    {
        _document.Dispose();
        _stream.Dispose();
    }

    private WorksheetPart Part(int sheet)
    {
        var workbook = _document.WorkbookPart!;
        var id = workbook.Workbook.Sheets!.Elements<Sheet>().ElementAt(sheet).Id!.Value!;
        return (WorksheetPart)workbook.GetPartById(id);
    }

    private Cell? Cell(int sheet, string reference) =>
        Part(sheet).Worksheet.Descendants<Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);
}
