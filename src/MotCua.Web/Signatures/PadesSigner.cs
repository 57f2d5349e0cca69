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
            var box = DrawStamp(document.Pages[pageIndex], stamp);
            var output = new MemoryStream();
            var external = new ExternalSigner(signer, unitCode, certificates.For(unitCode)?.Certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false) ?? stamp.SignerName, output, cancellationToken);
            DigitalSignatureHandler.ForDocument(document, external, new DigitalSignatureOptions
            {
                Reason = stamp.Reason,
                Location = "Việt Nam",
                AppName = "MotCua",
                PageIndex = pageIndex,
                Rectangle = box,
            });
            await document.SaveAsync(output, false);
            return new SignedPdf(output.ToArray(), external.Signature ?? throw new InvalidOperationException("PDFsharp did not ask for the signature."));
        }
    }

    /// <summary>Draws the QR code and the signer's lines at the foot of the page; returns the field's rectangle.</summary>
    private static XRect DrawStamp(PdfPage page, SignatureStamp stamp)
    {
        const double width = 250, height = 62, margin = 24;
        var box = new XRect(page.Width.Point - width - margin, page.Height.Point - height - margin, width, height);
        using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
        graphics.DrawRectangle(new XPen(XColors.DarkRed, 0.8), XBrushes.White, box);
        var modules = QrCodes.Modules(stamp.VerifyUrl);
        var cell = (height - 4) / modules.Length;
        for (var row = 0; row < modules.Length; row++)
        {
            for (var column = 0; column < modules[row].Length; column++)
            {
                if (modules[row][column])
                {
                    graphics.DrawRectangle(XBrushes.Black, box.X + 2 + column * cell, box.Y + 2 + row * cell, cell, cell);
                }
            }
        }

        var font = new XFont(PdfFonts.Family, 6.5);
        var bold = new XFont(PdfFonts.Family, 6.5, XFontStyleEx.Bold);
        var x = box.X + height + 2;
        graphics.DrawString("Ký số bởi: " + stamp.SignerName, bold, XBrushes.DarkRed, x, box.Y + 12);
        graphics.DrawString("Thời gian: " + stamp.SignedAtVietnam.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), font, XBrushes.Black, x, box.Y + 24);
        graphics.DrawString("Quét mã QR hoặc tải tệp lên để xác thực:", font, XBrushes.Black, x, box.Y + 36);
        graphics.DrawString(stamp.VerifyUrl.Length > 60 ? stamp.VerifyUrl[..60] : stamp.VerifyUrl, font, XBrushes.Black, x, box.Y + 48);
        // PDF user space starts at the bottom left; the signature widget's rectangle is given that way.
        return new XRect(box.X, page.Height.Point - box.Bottom, box.Width, box.Height);
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
