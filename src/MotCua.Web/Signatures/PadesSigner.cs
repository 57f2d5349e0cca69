using System.Globalization;
using System.Text;
using MotCua.Web.Forms;
using MotCua.Web.Platform.Signing;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using PdfSharp.Pdf.Signatures;

namespace MotCua.Web.Signatures;

/// <summary>What the stamp on the signed page says: who signs, when (Vietnam time), and where to check it.</summary>
internal sealed record SignatureStamp(string SignerName, DateTime SignedAtVietnam, string VerifyUrl, string Reason);

/// <summary>A signed PDF and the CMS signature inside it.</summary>
internal sealed record SignedPdf(byte[] Content, CmsSignature Signature);

/// <summary>
/// Signs a PDF as PAdES (ETSI EN 319 142-1, baseline B-B): a signature field on the last page, whose stamp prints the QR code of the
/// verification page, and a detached CAdES signature over the whole file but the signature value. PDFsharp 6.5 lays out the signature
/// dictionary and reserves the value; <see cref="IDataSigner"/> (in process, HSM or remote) makes the CMS. PDFsharp names the sub-filter
/// <c>adbe.pkcs7.detached</c>; PAdES needs <c>ETSI.CAdES.detached</c>, which has the same length, so it is set in the written bytes before
/// they are hashed.
/// </summary>
internal sealed class PadesSigner(IDataSigner signer, IUnitCertificates certificates, FormsOptions forms)
{
    private static readonly byte[] PdfSharpSubFilter = "/adbe.pkcs7.detached"u8.ToArray();
    private static readonly byte[] PadesSubFilter = "/ETSI.CAdES.detached"u8.ToArray();

    /// <summary>Room for the CMS: RSA-3072 signature, certificate and CA certificate, attributes; hex doubles it.</summary>
    private const int SignatureBytes = 12 * 1024;

    /// <summary>Throws <see cref="SigningException"/> when no signature can be made and <see cref="PdfNotSignableException"/> when the file is no PDF it can open.</summary>
    public async Task<SignedPdf> SignAsync(byte[] pdf, string unitCode, SignatureStamp stamp, CancellationToken cancellationToken)
    {
        PdfFonts.EnsureConfigured(forms);
        PdfDocument document;
        try
        {
            document = PdfReader.Open(new MemoryStream(pdf, writable: false), PdfDocumentOpenMode.Modify);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new PdfNotSignableException(exception);
        }

        using (document)
        {
            if (document.PageCount == 0)
            {
                throw new PdfNotSignableException(null);
            }

            var pageIndex = document.PageCount - 1;
            var box = StampField(document.Pages[pageIndex]);
            var output = new MemoryStream();
            var external = new ExternalSigner(signer, unitCode, certificates.For(unitCode)?.Certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false) ?? stamp.SignerName, output, cancellationToken);
            DigitalSignatureHandler.ForDocument(document, external, new DigitalSignatureOptions
            {
                Reason = stamp.Reason,
                Location = "Việt Nam",
                AppName = "MotCua",
                PageIndex = pageIndex,
                Rectangle = box,
                AppearanceHandler = new StampAppearance(stamp),
            });
            await document.SaveAsync(output, false);
            return new SignedPdf(output.ToArray(), external.Signature ?? throw new InvalidOperationException("PDFsharp did not ask for the signature."));
        }
    }

    /// <summary>The stamp's height, in points.</summary>
    internal const double StampHeight = 62;

    /// <summary>The stamp's distance from the page's right and bottom edges: within the foot that slips keep free for it.</summary>
    internal const double StampMargin = SlipPdf.StampFoot - StampHeight - 4;

    private const double StampWidth = 250;

    /// <summary>The signature field at the foot of the page, in PDF user space (which starts at the bottom left).</summary>
    private static XRect StampField(PdfPage page) =>
        new(page.Width.Point - StampWidth - StampMargin, StampMargin, StampWidth, StampHeight);

    /// <summary>
    /// The signature field's appearance: the QR code of the verification page and the signer's lines. PDFsharp's own appearance
    /// (its sample, in English) is replaced, so that the stamp is the signature's visible part and nothing is drawn twice.
    /// </summary>
    private sealed class StampAppearance(SignatureStamp stamp) : PdfSharp.Pdf.Annotations.IAnnotationAppearanceHandler
    {
        public void DrawAppearance(XGraphics gfx, XRect field)
        {
            // The appearance is a form of its own: its origin is the field's top left corner.
            var rect = new XRect(0, 0, field.Width, field.Height);
            gfx.DrawRectangle(new XPen(XColors.DarkRed, 0.8), XBrushes.White, rect);
            var modules = QrCodes.Modules(stamp.VerifyUrl);
            var cell = (rect.Height - 4) / modules.Length;
            for (var row = 0; row < modules.Length; row++)
            {
                for (var column = 0; column < modules[row].Length; column++)
                {
                    if (modules[row][column])
                    {
                        gfx.DrawRectangle(XBrushes.Black, rect.X + 2 + column * cell, rect.Y + 2 + row * cell, cell, cell);
                    }
                }
            }

            var font = new XFont(PdfFonts.Family, 6.5);
            var bold = new XFont(PdfFonts.Family, 6.5, XFontStyleEx.Bold);
            var x = rect.X + rect.Height + 2;
            var width = rect.Right - x - 2;
            gfx.DrawString(Fit(gfx, "Ký số bởi: " + stamp.SignerName, bold, width), bold, XBrushes.DarkRed, x, rect.Y + 12);
            gfx.DrawString("Thời gian: " + stamp.SignedAtVietnam.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), font, XBrushes.Black, x, rect.Y + 24);
            gfx.DrawString("Quét mã QR hoặc tải tệp lên để xác thực:", font, XBrushes.Black, x, rect.Y + 36);
            gfx.DrawString(Fit(gfx, stamp.VerifyUrl, font, width), font, XBrushes.Black, x, rect.Y + 48);
        }

        /// <summary>The text, cut with an ellipsis where it would run out of the stamp.</summary>
        private static string Fit(XGraphics gfx, string text, XFont font, double width)
        {
            if (gfx.MeasureString(text, font).Width <= width)
            {
                return text;
            }

            var length = text.Length;
            while (length > 1 && gfx.MeasureString(text[..length] + "…", font).Width > width)
            {
                length--;
            }

            return text[..length] + "…";
        }
    }

    private sealed class ExternalSigner(IDataSigner signer, string unitCode, string name, MemoryStream output, CancellationToken cancellationToken) : IDigitalSigner
    {
        public CmsSignature? Signature { get; private set; }

        public string CertificateName => name;

        public Task<int> GetSignatureSizeAsync() => Task.FromResult(SignatureBytes);

        public async Task<byte[]> GetSignatureAsync(Stream stream)
        {
            SetPadesSubFilter(output.GetBuffer().AsSpan(0, (int)output.Length));
            // PDFsharp's ranged stream cannot seek, so Stream.CopyTo (which asks) does not work on it.
            var ranges = new MemoryStream();
            stream.Position = 0;
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                ranges.Write(buffer, 0, read);
            }

            Signature = await signer.SignDetachedAsync(unitCode, ranges.ToArray(), cancellationToken);
            return Signature.Der.Length <= SignatureBytes ? Signature.Der
                : throw new SigningException(SigningFailure.SignerUnavailable, $"The signature takes {Signature.Der.Length} bytes, more than the {SignatureBytes} reserved");
        }

        private static void SetPadesSubFilter(Span<byte> written)
        {
            var at = written.LastIndexOf(PdfSharpSubFilter);
            if (at < 0)
            {
                throw new InvalidOperationException("No signature dictionary with " + Encoding.ASCII.GetString(PdfSharpSubFilter) + " in the written PDF.");
            }

            PadesSubFilter.CopyTo(written[at..]);
        }
    }
}

/// <summary>The file is not a PDF that can be opened and signed (damaged, encrypted).</summary>
internal sealed class PdfNotSignableException(Exception? inner) : Exception("The PDF cannot be opened for signing", inner);
