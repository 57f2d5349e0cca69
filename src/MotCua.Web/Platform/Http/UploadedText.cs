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
            IFormCollection form;
            try
            {
                form = await http.ReadFormAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException)
            {
                throw new ProblemException(400, "bad-request", "Problem.MalformedRequest");
            }

            body = form.Files.FirstOrDefault()?.OpenReadStream() ?? throw ProblemException.Invalid(new Dictionary<string, string[]> { ["file"] = [Message(http, "Validation.Required")] });
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

    /// <summary>The body as UTF-8 text, without a byte order mark (spreadsheets save CSV with one) and without control characters.</summary>
    public static async Task<string> ReadAsync(HttpRequest http, long maxBytes, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(await ReadBytesAsync(http, maxBytes, cancellationToken)).TrimStart('\uFEFF');
        if (CleanInput.HasControlCharacter(text))
        {
            throw ProblemException.Invalid(new Dictionary<string, string[]> { ["file"] = [Message(http, "Validation.ControlCharacters")] });
        }

        return text;
    }

    private static string Message(HttpRequest http, string key) =>
        http.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>()[key];

    private static ProblemException TooLarge() => new(413, "payload-too-large", "Problem.PayloadTooLarge");
}
