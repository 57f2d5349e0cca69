using System.Security.Cryptography;
using System.Text;
using MotCua.Web.Dossiers;

namespace MotCua.Web.Demo;

/// <summary>The one result file every generated decision carries: a one-page PDF stored once in the file store.</summary>
internal static class DemoResultFile
{
    public const string StoragePath = "demo/ket-qua-mau.pdf";

    public static async Task<DossierFile> StoreAsync(FileStoreOptions options, CancellationToken cancellationToken)
    {
        var content = Pdf();
        var path = Path.Combine(options.Directory, StoragePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content, cancellationToken);
        return new DossierFile
        {
            Kind = DossierFileKind.Result,
            FileName = "ket-qua.pdf",
            ContentType = "application/pdf",
            Size = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            StoragePath = StoragePath,
        };
    }

    /// <summary>A minimal valid PDF (one empty A4 page with a title line), with its cross-reference offsets computed.</summary>
    internal static byte[] Pdf()
    {
        const string text = "BT /F1 14 Tf 72 770 Td (MotCua demo - ket qua giai quyet ho so) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {text.Length} >>\nstream\n{text}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(i + 1).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append("xref\n0 ").Append(objects.Length + 1).Append("\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(offset.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        pdf.Append("trailer\n<< /Size ").Append(objects.Length + 1).Append(" /Root 1 0 R >>\nstartxref\n").Append(xref).Append("\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
