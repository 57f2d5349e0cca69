using QRCoder;

namespace MotCua.Web.Forms;

/// <summary>QR codes for slips: the dossier code's tracking address, printed beside the code as text.</summary>
internal static class QrCodes
{
    public static byte[] Png(string payload, int pixelsPerModule = 6)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    /// <summary>The dark modules, quiet zone included, for drawing the code as vectors in a PDF.</summary>
    public static bool[][] Modules(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray()).ToArray();
    }

    /// <summary>An <c>img</c> source the content security policy allows (<c>img-src data:</c>).</summary>
    public static string DataUri(string payload) => "data:image/png;base64," + Convert.ToBase64String(Png(payload));
}
