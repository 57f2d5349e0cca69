using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MotCua.Web.Platform.Files;
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
/// Keeps scanned documents and results outside the web root under server-generated names. An upload waits in a
/// quarantine folder until clamd has scanned it and its content has proved to be one whole file of an allowed type
/// (its first bytes, then <see cref="FileContent"/>, never its name); only then does it join the store. Its name is
/// cleaned before it is ever shown again.
/// </summary>
internal sealed partial class FileStore(FileStoreOptions options, TimeProvider clock, ClamdScanner scanner, ILogger<FileStore> logger,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer)
{
    private static readonly (string ContentType, string Extension, byte[] Magic)[] Allowed =
    [
        ("application/pdf", ".pdf", "%PDF-"u8.ToArray()),
        ("image/jpeg", ".jpg", [0xFF, 0xD8, 0xFF]),
        ("image/png", ".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        // Office Open XML (docx, xlsx) are zip packages.
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", [0x50, 0x4B, 0x03, 0x04]),
    ];

    /// <summary>The media types a dossier's file may have.</summary>
    public static string[] ContentTypes => [.. Allowed.Select(a => a.ContentType)];

    public long MaxFileBytes => options.MaxFileBytes;

    public int MaxFilesPerDossier => options.MaxFilesPerDossier;

    /// <summary>Stores one upload; throws a 400/413 problem for a file that is too big, empty or of a type not allowed.</summary>
    public Task<DossierFile> SaveAsync(IFormFile upload, DossierFileKind kind, CancellationToken cancellationToken) =>
        SaveAsync(upload, kind, null, cancellationToken);

    /// <summary>Stores one upload for a named dossier component (online submissions upload per component).</summary>
    public async Task<DossierFile> SaveAsync(IFormFile upload, DossierFileKind kind, string? component, CancellationToken cancellationToken)
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
            throw ProblemException.Invalid(new Dictionary<string, string[]> { ["files"] = [localizer["Dossiers.FileType", Shown(upload.FileName)]] });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var id = Guid.CreateVersion7();
        var relative = Path.Combine(now.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture), now.ToString("MM", System.Globalization.CultureInfo.InvariantCulture), id.ToString("N"));
        var quarantined = Path.Combine(options.Directory, "quarantine", id.ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(quarantined)!);
        string hash;
        try
        {
            await using (var output = File.Create(quarantined))
            {
                await output.WriteAsync(header.AsMemory(0, read), cancellationToken);
                await input.CopyToAsync(output, cancellationToken);
            }

            await ScanAsync(quarantined, upload.FileName, cancellationToken);
            if (!FileContent.IsWhole(quarantined, type.ContentType))
            {
                throw ProblemException.Invalid(new Dictionary<string, string[]> { ["files"] = [localizer["Dossiers.FileNotWhole", Shown(upload.FileName)]] });
            }

            await using var check = File.OpenRead(quarantined);
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(check, cancellationToken));
        }
        catch
        {
            File.Delete(quarantined);
            throw;
        }

        var path = Path.Combine(options.Directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Move(quarantined, path);
        return new DossierFile
        {
            Id = id,
            Kind = kind,
            FileName = CleanName(upload.FileName, type.Extension),
            Component = component,
            ContentType = type.ContentType,
            Size = upload.Length,
            Sha256 = hash,
            StoragePath = relative,
            UploadedAt = now,
        };
    }

    /// <summary>With no scanner configured (allowed outside Production, or with scanning explicitly off) files are not scanned;
    /// /health/ready says so. A scanner that does not answer refuses the upload: nothing unscanned gets through.</summary>
    private async Task ScanAsync(string path, string name, CancellationToken cancellationToken)
    {
        if (!scanner.IsConfigured)
        {
            return;
        }

        Threat? threat;
        await using (var content = File.OpenRead(path))
        {
            try
            {
                threat = await scanner.ScanAsync(content, cancellationToken);
            }
            catch (ScannerUnavailableException e)
            {
                logger.LogError(e, "Upload refused: the scanner did not answer");
                throw new ProblemException(503, "scanner-unavailable", "Dossiers.ScannerUnavailable");
            }
        }

        if (threat is not null)
        {
            logger.LogWarning("Upload refused: clamd found {Threat}", threat.Name);
            throw new ProblemException(422, "file-infected", "Dossiers.FileInfected", Shown(name));
        }
    }

    private static string Shown(string name) => name.Length > 100 ? name[..100] : name;

    public Stream Open(DossierFile file) => File.OpenRead(Path.Combine(options.Directory, file.StoragePath));

    /// <summary>Stores a file the server made (a signed result); returns its path in the store.</summary>
    public async Task<string> StoreAsync(byte[] content, DateTime at, CancellationToken cancellationToken)
    {
        var relative = Path.Combine(at.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture), at.ToString("MM", System.Globalization.CultureInfo.InvariantCulture),
            Guid.CreateVersion7().ToString("N"));
        var path = Path.Combine(options.Directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content, cancellationToken);
        return relative;
    }

    /// <summary>Removes a stored file that no dossier row names (its request failed).</summary>
    public void Delete(string storagePath) => File.Delete(Path.Combine(options.Directory, storagePath));

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
