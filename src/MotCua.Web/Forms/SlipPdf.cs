using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace MotCua.Web.Forms;

/// <summary>Lays a <see cref="Slip"/> out on A4 pages with DejaVu Sans.</summary>
internal sealed class SlipPdf(FormsOptions options)
{
    private const double Margin = 50;
    private const double LineGap = 3;

    /// <summary>The foot of each page, in points, kept free for the signature stamp (PadesSigner draws it on the last page).</summary>
    public const double StampFoot = 90;

    public byte[] Render(Slip slip)
    {
        PdfFonts.EnsureConfigured(options);
        using var document = new PdfDocument();
        document.Info.Title = slip.Title;
        document.Info.Creator = "MotCua";
        var writer = new Writer(document);
        writer.Header(slip);
        foreach (var line in slip.Lines)
        {
            writer.Line(line);
        }

        if (slip.Table is { } table)
        {
            writer.Table(table);
        }

        foreach (var line in slip.LinesAfterTable)
        {
            writer.Line(line);
        }

        writer.Signatures(slip.Signatures);
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private sealed class Writer
    {
        private readonly PdfDocument _document;
        // The whole font is embedded: PDFsharp's subsetter drops the parts of nested composite glyphs,
        // which in DejaVu Sans are most letters with two diacritics (ễ, ầ, ố; PDFsharp issue #348).
        private static readonly XPdfFontOptions Embedding = new(PdfFontEncoding.Unicode, PdfFontEmbedding.EmbedCompleteFontFile);
        private readonly XFont _regular = new(PdfFonts.Family, 10.5, XFontStyleEx.Regular, Embedding);
        private readonly XFont _bold = new(PdfFonts.Family, 10.5, XFontStyleEx.Bold, Embedding);
        private readonly XFont _title = new(PdfFonts.Family, 13, XFontStyleEx.Bold, Embedding);
        private readonly XFont _small = new(PdfFonts.Family, 8.5, XFontStyleEx.Regular, Embedding);
        private XGraphics _gfx = null!;
        private PdfPage _page = null!;
        private double _y;

        public Writer(PdfDocument document)
        {
            _document = document;
            NewPage();
        }

        private double Width => _page.Width.Point - 2 * Margin;

        private void NewPage()
        {
            _gfx?.Dispose();
            _page = _document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        /// <summary>Starts a new page unless a block this high fits above the foot, which every page keeps free for the stamp.</summary>
        private void Need(double height)
        {
            if (_y + height > _page.Height.Point - StampFoot)
            {
                NewPage();
            }
        }

        public void Header(Slip slip)
        {
            var half = Width / 2;
            var left = _y;
            foreach (var line in slip.IssuerLines)
            {
                _gfx.DrawString(line, _bold, XBrushes.Black, new XRect(Margin, left, half - 10, 14), XStringFormats.TopCenter);
                left += 14;
            }

            _gfx.DrawString(Slip.Nation, _bold, XBrushes.Black, new XRect(Margin + half, _y, half, 14), XStringFormats.TopCenter);
            _gfx.DrawString(Slip.Motto, _bold, XBrushes.Black, new XRect(Margin + half, _y + 14, half, 14), XStringFormats.TopCenter);
            _gfx.DrawString(slip.FormNumber, _small, XBrushes.Black, new XRect(Margin, Margin - 20, Width, 12), XStringFormats.TopRight);
            _y = Math.Max(left, _y + 28) + 10;

            if (slip.QrPayload is { } payload)
            {
                var modules = QrCodes.Modules(payload);
                var size = 80.0 / modules.Length;
                for (var row = 0; row < modules.Length; row++)
                {
                    for (var column = 0; column < modules[row].Length; column++)
                    {
                        if (modules[row][column])
                        {
                            _gfx.DrawRectangle(XBrushes.Black, Margin + Width - 80 + column * size, _y + row * size, size, size);
                        }
                    }
                }
                if (slip.QrCaption is { } caption)
                {
                    _gfx.DrawString(caption, _small, XBrushes.Black, new XRect(Margin + Width - 130, _y + 82, 130, 12), XStringFormats.TopRight);
                }
            }

            _gfx.DrawString(slip.Title, _title, XBrushes.Black, new XRect(Margin, _y + 20, Width, 18), XStringFormats.TopCenter);
            _y += 42;
            if (slip.Subtitle is { } subtitle)
            {
                _gfx.DrawString(subtitle, _bold, XBrushes.Black, new XRect(Margin, _y, Width, 14), XStringFormats.TopCenter);
                _y += 18;
            }

            _y = Math.Max(_y, slip.QrPayload is null ? _y : _y + 50);
        }

        public void Line(SlipLine line)
        {
            // The text is measured in the width it is drawn in, beside its label: the formatter drops what does not fit.
            var indent = string.IsNullOrEmpty(line.Label) ? 0 : _gfx.MeasureString(line.Label + " ", _bold).Width;
            if (indent > Width / 2)
            {
                // A long label takes a line of its own, and the text goes below it at full width.
                Block(line.Label, _bold, 0);
                indent = 0;
            }
            else if (indent > 0)
            {
                Need(Math.Max(Measure(line.Text, _regular, Width - indent), _bold.GetHeight() + 1));
                _gfx.DrawString(line.Label, _bold, XBrushes.Black, new XRect(Margin, _y, indent, 14), XStringFormats.TopLeft);
            }

            Block(line.Text, _regular, indent);
        }

        private void Block(string text, XFont font, double indent)
        {
            var height = Measure(text, font, Width - indent);
            Need(height);
            new XTextFormatter(_gfx).DrawString(text, font, XBrushes.Black, new XRect(Margin + indent, _y, Width - indent, height));
            _y += height + LineGap;
        }

        public void Table(SlipTable table)
        {
            var total = table.Widths.Sum();
            var widths = table.Widths.Select(w => w / total * Width).ToArray();
            Row(table.Headers, widths, _bold);
            foreach (var row in table.Rows)
            {
                Row(row, widths, _regular);
            }

            _y += 8;
        }

        private void Row(IReadOnlyList<string> cells, double[] widths, XFont font)
        {
            var height = cells.Select((c, i) => Measure(c, font, widths[i] - 6)).Max() + 6;
            Need(height);
            var x = Margin;
            var formatter = new XTextFormatter(_gfx);
            for (var i = 0; i < widths.Length; i++)
            {
                _gfx.DrawRectangle(XPens.Black, x, _y, widths[i], height);
                formatter.DrawString(i < cells.Count ? cells[i] : "", font, XBrushes.Black, new XRect(x + 3, _y + 3, widths[i] - 6, height - 6));
                x += widths[i];
            }

            _y += height;
        }

        public void Signatures(IReadOnlyList<SlipSignature> signatures)
        {
            if (signatures.Count == 0)
            {
                return;
            }

            // The gap, the roles and notes, the room to sign and the names.
            Need(16 + 110);
            _y += 16;
            var width = Width / signatures.Count;
            for (var i = 0; i < signatures.Count; i++)
            {
                var x = Margin + i * width;
                _gfx.DrawString(signatures[i].Role, _bold, XBrushes.Black, new XRect(x, _y, width, 14), XStringFormats.TopCenter);
                _gfx.DrawString(signatures[i].Note, _small, XBrushes.Black, new XRect(x, _y + 15, width, 12), XStringFormats.TopCenter);
                if (signatures[i].Name is { } name)
                {
                    var formatter = new XTextFormatter(_gfx) { Alignment = XParagraphAlignment.Center };
                    formatter.DrawString(name, _bold, XBrushes.Black, new XRect(x + 6, _y + 80, width - 12, 30));
                }
            }

            _y += 115;
        }

        private double Measure(string text, XFont font, double width)
        {
            // Greedy word wrap, as XTextFormatter does, to know a block's height before drawing it.
            var lineHeight = font.GetHeight() + 1;
            var lines = 0;
            foreach (var paragraph in text.Split('\n'))
            {
                lines++;
                var current = 0.0;
                foreach (var word in paragraph.Split(' '))
                {
                    var w = _gfx.MeasureString(word + " ", font).Width;
                    if (current + w > width && current > 0)
                    {
                        lines++;
                        current = 0;
                    }

                    current += w;
                }
            }

            return lines * lineHeight;
        }
    }
}
