using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers;

internal sealed class FileStoreOptions
{
    public const string Section = "MotCua:Files";

    /// <summary>Outside the web root; relative to the app's content root.</summary>
    public string Directory { get; set; } = "data/files";

    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    public int MaxFilesPerDossier { get; set; } = 20;
}

/// <summary>
/// Keeps scanned documents and results outside the web root under server-generated names. A file is
/// accepted only if its content is one of the allowed types (checked by its first bytes, not its
/// name), and its name is cleaned before it is ever shown again.
/// </summary>
internal sealed partial class FileStore(FileStoreOptions options, TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer)
{
    private static readonly (string ContentType, string Extension, byte[] Magic)[] Allowed =
    [
        ("application/pdf", ".pdf", "%PDF-"u8.ToArray()),
        ("image/jpeg", ".jpg", [0xFF, 0xD8, 0xFF]),
        ("image/png", ".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        // Office Open XML (docx, xlsx) are zip packages.
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", [0x50, 0x4B, 0x03, 0x04]),
    ];

    public long MaxFileBytes => options.MaxFileBytes;

    public int MaxFilesPerDossier => options.MaxFilesPerDossier;

    /// <summary>Stores one upload; throws a 400/413 problem for a file that is too big, empty or of a type not allowed.</summary>
    public async Task<DossierFile> SaveAsync(IFormFile upload, DossierFileKind kind, CancellationToken cancellationToken)
    {
        if (upload.Length > options.MaxFileBytes)
        {
            throw new ProblemException(413, "file-too-large", "Dossiers.FileTooLarge");
        }

        await using var input = upload.OpenReadStream();
        var header = new byte[8];
        var read = await input.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        var type = Allowed.FirstOrDefault(a => read >= a.Magic.Length && header.AsSpan(0, a.Magic.Length).SequenceEqual(a.Magic));
        if (upload.Length == 0 || type.ContentType is null)
        {
            throw ProblemException.Invalid(new Dictionary<string, string[]> { ["files"] = [localizer["Dossiers.FileType", upload.FileName.Length > 100 ? upload.FileName[..100] : upload.FileName]] });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var id = Guid.CreateVersion7();
        var relative = Path.Combine(now.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture), now.ToString("MM", System.Globalization.CultureInfo.InvariantCulture), id.ToString("N"));
        var path = Path.Combine(options.Directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var output = File.Create(path))
        {
            await output.WriteAsync(header.AsMemory(0, read), cancellationToken);
            await input.CopyToAsync(output, cancellationToken);
        }

        await using var check = File.OpenRead(path);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(check, cancellationToken));
        return new DossierFile
        {
            Id = id,
            Kind = kind,
            FileName = CleanName(upload.FileName, type.Extension),
            ContentType = type.ContentType,
            Size = upload.Length,
            Sha256 = hash,
            StoragePath = relative,
            UploadedAt = now,
        };
    }

    public Stream Open(DossierFile file) => File.OpenRead(Path.Combine(options.Directory, file.StoragePath));

    /// <summary>Removes a file whose dossier was never written (the intake failed after the upload).</summary>
    public void Discard(DossierFile file) => File.Delete(Path.Combine(options.Directory, file.StoragePath));

    /// <summary>Keeps letters (Vietnamese included), digits, dot, dash and underscore; forces the real extension.</summary>
    public static string CleanName(string name, string extension)
    {
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(name.Replace('\\', '/')));
        stem = Unsafe().Replace(stem.Normalize(NormalizationForm.FormC), "_").Trim('_', '.');
        if (stem.Length == 0)
        {
            stem = "tep";
        }

        return (stem.Length > 100 ? stem[..100] : stem) + extension;
    }

    [GeneratedRegex(@"[^\p{L}\p{Nd}\-_.]+")]
    private static partial Regex Unsafe();
}
