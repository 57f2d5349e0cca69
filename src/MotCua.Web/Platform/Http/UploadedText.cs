using System.Text;

namespace MotCua.Web.Platform.Http;

/// <summary>
/// Reads an import sent as the request body or as the first file of a form. The size limit holds whether the client
/// declares a length or streams the body in chunks: reading stops with 413 at the first byte over it.
/// </summary>
internal static class UploadedText
{
    public static async Task<byte[]> ReadBytesAsync(HttpRequest http, long maxBytes, CancellationToken cancellationToken)
    {
        if (http.ContentLength > maxBytes)
        {
            throw TooLarge();
        }

        var body = http.Body;
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(cancellationToken);
            body = form.Files.FirstOrDefault()?.OpenReadStream() ?? throw ProblemException.Invalid(new Dictionary<string, string[]> { ["file"] = ["file"] });
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The body as UTF-8 text, without a byte order mark (spreadsheets save CSV with one).</summary>
    public static async Task<string> ReadAsync(HttpRequest http, long maxBytes, CancellationToken cancellationToken) =>
        Encoding.UTF8.GetString(await ReadBytesAsync(http, maxBytes, cancellationToken)).TrimStart('\uFEFF');

    private static ProblemException TooLarge() => new(413, "payload-too-large", "Problem.PayloadTooLarge");
}
