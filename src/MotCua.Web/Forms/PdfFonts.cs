using PdfSharp.Fonts;

namespace MotCua.Web.Forms;

internal sealed class FormsOptions
{
    public const string Section = "MotCua:Forms";

    /// <summary>DejaVu Sans renders every Vietnamese letter; Liberation Sans does not (TOOLCHAIN.md).</summary>
    public string FontDirectory { get; set; } = "/usr/share/fonts/truetype/dejavu";
}

/// <summary>Serves DejaVu Sans (regular and bold) to PDFsharp, which has no system fonts on Linux.</summary>
internal sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";
    private static readonly Lock Gate = new();
    private static bool _configured;
    private readonly Dictionary<string, byte[]> _faces;

    private PdfFonts(Dictionary<string, byte[]> faces) => _faces = faces;

    /// <summary>Loads the licence and the fonts once per process. Fails with a clear message, never with a blank slip.</summary>
    public static void EnsureConfigured(FormsOptions options)
    {
        lock (Gate)
        {
            if (_configured)
            {
                return;
            }

            var faces = LoadFaces(options.FontDirectory);
            // MotCua is AGPL-3.0-or-later, which PDFsharp's AGPL licence option fits (LICENSE).
            PdfSharp.PdfSharpLicense.SetAgplLicense();
            GlobalFontSettings.FontResolver = new PdfFonts(faces);
            _configured = true;
        }
    }

    public static Dictionary<string, byte[]> LoadFaces(string directory)
    {
        var faces = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var face in new[] { Regular, Bold })
        {
            var path = Path.Combine(directory, face + ".ttf");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"The font {path} is missing: PDF slips need DejaVu Sans for Vietnamese. Install it with `apt-get install fonts-dejavu-core` or set MotCua:Forms:FontDirectory.");
            }

            faces[face] = File.ReadAllBytes(path);
        }

        return faces;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? Bold : Regular);

    public byte[]? GetFont(string faceName) => _faces.GetValueOrDefault(faceName);
}
