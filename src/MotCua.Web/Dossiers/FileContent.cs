using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MotCua.Web.Dossiers;

/// <summary>
/// A file must be what its first bytes claim, all the way through (OWASP ASVS 5.0 V5.2): no HTML a browser could sniff
/// (PDF+HTML and JPEG+HTML polyglots), a PNG ends at its IEND chunk, a JPEG at its end-of-image marker, a PDF at its
/// <c>%%EOF</c>, and an Office file (a zip) expands to at most <see cref="MaxExpandedBytes"/> in at most
/// <see cref="MaxEntries"/> entries at a ratio of at most <see cref="MaxRatio"/> (zip bombs).
/// </summary>
internal static class FileContent
{
    public const int MaxEntries = 1_000;
    public const long MaxExpandedBytes = 50L * 1024 * 1024;
    public const int MaxRatio = 100;

    // The markers by which browsers sniff HTML (WHATWG MIME Sniffing §7.1), looked for where they can act: the first kilobyte.
    private static readonly string[] HtmlMarkers = ["<!doctype html", "<html", "<head", "<script", "<iframe", "<body", "<svg", "<img", "<object", "<a href"];

    /// <summary>True when the stored file is a whole, single file of <paramref name="contentType"/>.</summary>
    public static bool IsWhole(string path, string contentType)
    {
        using var file = File.OpenRead(path);
        var head = new byte[Math.Min(1024, file.Length)];
        file.ReadExactly(head);
        if (LooksLikeHtml(head))
        {
            return false;
        }

        file.Position = 0;
        return contentType switch
        {
            "application/pdf" => EndsWithPdfTrailer(file),
            "image/png" => IsWholePng(file),
            "image/jpeg" => EndsWithJpegEnd(file),
            _ => IsSafeZip(file),
        };
    }

    private static bool LooksLikeHtml(byte[] head)
    {
        var text = Encoding.Latin1.GetString(head).ToLowerInvariant();
        return HtmlMarkers.Any(marker => text.Contains(marker, StringComparison.Ordinal));
    }

    // After %%EOF only line ends may follow: anything appended is a second file riding on the PDF.
    private static bool EndsWithPdfTrailer(FileStream file)
    {
        var tail = new byte[Math.Min(1024, file.Length)];
        file.Position = file.Length - tail.Length;
        file.ReadExactly(tail);
        var text = Encoding.Latin1.GetString(tail).TrimEnd('\r', '\n', ' ', '\0');
        return text.EndsWith("%%EOF", StringComparison.Ordinal);
    }

    // PNG (ISO/IEC 15948): the 8-byte signature, then chunks (length, type, data, CRC) from IHDR to IEND, and nothing after.
    private static bool IsWholePng(FileStream file)
    {
        var position = 8L;
        var header = new byte[8];
        var first = true;
        while (position + 12 <= file.Length)
        {
            file.Position = position;
            file.ReadExactly(header);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = Encoding.ASCII.GetString(header, 4, 4);
            if ((first && type != "IHDR") || length > file.Length)
            {
                return false;
            }

            first = false;
            position += 12 + length;
            if (type == "IEND")
            {
                return position == file.Length;
            }
        }

        return false;
    }

    // JPEG (ITU T.81): the image ends with the EOI marker FF D9.
    private static bool EndsWithJpegEnd(FileStream file)
    {
        if (file.Length < 4)
        {
            return false;
        }

        var tail = new byte[2];
        file.Position = file.Length - 2;
        file.ReadExactly(tail);
        return tail[0] == 0xFF && tail[1] == 0xD9;
    }

    // The sizes a zip declares can lie: count what actually comes out, and stop at the limit.
    private static bool IsSafeZip(FileStream file)
    {
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxEntries || zip.GetEntry("[Content_Types].xml") is null)
            {
                return false;
            }

            var limit = Math.Min(MaxExpandedBytes, Math.Max(file.Length, 1) * MaxRatio);
            var expanded = 0L;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var content = entry.Open();
                int read;
                while ((read = content.Read(buffer)) > 0)
                {
                    expanded += read;
                    if (expanded > limit)
                    {
                        return false;
                    }
                }
            }

            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
