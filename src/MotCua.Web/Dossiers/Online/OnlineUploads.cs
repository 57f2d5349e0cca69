using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers.Online;

/// <summary>
/// Reads an online submission's body: JSON, or multipart with the JSON in the part <c>dossier</c> and one
/// file field per component, <c>component-{index}</c> (the index in the procedure's component list).
/// Limits stop the reading early: the whole request by <see cref="MaxRequestBytes"/>, each part by the
/// file store's per-file limit.
/// </summary>
internal static class OnlineUploads
{
    public const long MaxRequestBytes = 64 * 1024 * 1024;
    public const string FieldPrefix = "component-";

    public static async Task<(T? Body, IFormFileCollection Files)> ReadAsync<T>(HttpRequest request, FileStore store, CancellationToken cancellationToken)
        where T : class
    {
        var json = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        if (!request.HasFormContentType)
        {
            if (!request.HasJsonContentType())
            {
                throw new ProblemException(415, "unsupported-media-type", "Problem.UnsupportedMediaType");
            }

            return (request.ContentLength is 0 ? null : await request.ReadFromJsonAsync<T>(json, cancellationToken), new FormFileCollection());
        }

        IFormCollection form;
        try
        {
            // A part longer than one allowed file stops the read there, not after the whole body.
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = store.MaxFileBytes + 1, ValueCountLimit = 100 }, cancellationToken);
        }
        catch (InvalidDataException exception) when (exception.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProblemException(413, "file-too-large", "Dossiers.FileTooLarge");
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            throw new ProblemException(400, "bad-request", "Problem.MalformedRequest");
        }

        var text = form["dossier"].ToString();
        return (string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<T>(text, json), form.Files);
    }

    /// <summary>Stores the uploads; on any refusal removes those already stored and rethrows.</summary>
    public static async Task<List<DossierFile>> SaveAsync(IFormFileCollection files, IReadOnlyList<string> components, int alreadyStored, FileStore store,
        IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        if (alreadyStored + files.Count > store.MaxFilesPerDossier)
        {
            new FieldErrors(localizer).Add("files", "Online.TooManyFiles", store.MaxFilesPerDossier).ThrowIfAny();
        }

        var saved = new List<DossierFile>();
        try
        {
            foreach (var file in files)
            {
                saved.Add(await store.SaveAsync(file, DossierFileKind.Submission, ComponentOf(file.Name, components), cancellationToken));
            }
        }
        catch
        {
            Discard(store, saved);
            throw;
        }

        return saved;
    }

    public static void Discard(FileStore store, IEnumerable<DossierFile> files)
    {
        foreach (var file in files)
        {
            store.Discard(file);
        }
    }

    private static string? ComponentOf(string field, IReadOnlyList<string> components) =>
        field.StartsWith(FieldPrefix, StringComparison.Ordinal) && int.TryParse(field[FieldPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture, out var index)
            && index >= 0 && index < components.Count ? components[index] : null;
}
