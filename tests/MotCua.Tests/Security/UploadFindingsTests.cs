using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Http;
using Shouldly;

namespace MotCua.Tests.Security;

/// <summary>The upload findings of issue 17. Uploads go through the real store and a real clamd (<see cref="TestClamd"/>).</summary>
[Collection(AppCollection.Name)]
public sealed class UploadFindingsTests(MotCuaFactory app)
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static readonly byte[] Html = "<html><body><script>fetch('/api/v1/auth/me')</script></body></html>"u8.ToArray();

    private Task<DossierFile> SaveAsync(byte[] content, string name, MotCuaFactory? host = null)
    {
        var store = (host ?? app).Services.GetRequiredService<FileStore>();
        return store.SaveAsync(new FormFile(new MemoryStream(content), 0, content.Length, "files", name), DossierFileKind.Submission, CancellationToken.None);
    }

    private async Task<string> RefusedAsync(byte[] content, string name, MotCuaFactory? host = null) =>
        (await Should.ThrowAsync<ProblemException>(() => SaveAsync(content, name, host))).Code;

    [Fact]
    public async Task The_eicar_string_behind_a_pdf_header_was_accepted_no_more()
    {
        byte[] infected = [.. "%PDF-1.4\n"u8, .. TestClamd.Eicar, .. "\n%%EOF\n"u8];
        (await RefusedAsync(infected, "to-khai.pdf")).ShouldBe("file-infected");
    }

    [Fact]
    public async Task Pdf_and_html_polyglots_were_accepted_no_more()
    {
        (await RefusedAsync([.. "%PDF-1.4\n"u8, .. Html, .. "\n%%EOF\n"u8], "to-khai.pdf")).ShouldBe("validation");
        // HTML riding after the end of the PDF.
        (await RefusedAsync([.. "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8, .. new byte[2048], .. Html], "to-khai.pdf")).ShouldBe("validation");
    }

    [Fact]
    public async Task Jpeg_and_html_polyglots_were_accepted_no_more()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];
        (await RefusedAsync([.. jpeg, .. new byte[2048], .. Html], "anh.jpg")).ShouldBe("validation");
        (await RefusedAsync([.. Png, .. Html], "anh.png")).ShouldBe("validation");
    }

    [Fact]
    public async Task A_zip_that_expands_to_200_mb_sent_as_docx_was_accepted_no_more()
    {
        var bomb = Zip(("word/document.xml", 200 * 1024 * 1024));
        bomb.Length.ShouldBeLessThan(1024 * 1024);
        (await RefusedAsync(bomb, "don.docx")).ShouldBe("validation");
    }

    [Fact]
    public async Task An_office_file_of_too_many_entries_is_refused()
    {
        var many = Zip([.. Enumerable.Range(0, 1_001).Select(i => ($"word/media/{i}.xml", 10))]);
        (await RefusedAsync(many, "don.docx")).ShouldBe("validation");
    }

    [Fact]
    public async Task Whole_clean_files_are_scanned_and_stored()
    {
        (await SaveAsync("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray(), "to-khai.pdf")).ContentType.ShouldBe("application/pdf");
        (await SaveAsync(Png, "anh.png")).ContentType.ShouldBe("image/png");
        (await SaveAsync(Zip(("word/document.xml", 20_000)), "don.docx")).ContentType.ShouldBe(Docx);
    }

    [Fact]
    public async Task An_unreachable_scanner_refuses_the_upload_and_keeps_nothing()
    {
        await using var host = new ScannerAt("unix:" + Path.Combine(Path.GetTempPath(), "motcua-no-clamd-" + Guid.NewGuid().ToString("N")[..8]));
        await host.InitializeAsync();
        (await RefusedAsync("%PDF-1.4\n%%EOF\n"u8.ToArray(), "to-khai.pdf", host)).ShouldBe("scanner-unavailable");
        var quarantine = Path.Combine(host.Services.GetRequiredService<FileStoreOptions>().Directory, "quarantine");
        Directory.EnumerateFiles(quarantine).ShouldBeEmpty();
    }

    [Fact]
    public async Task Production_refuses_to_start_without_a_scanner()
    {
        await using var host = new ScannerAt("", environment: "Production");
        (await Should.ThrowAsync<Exception>(host.InitializeAsync)).ToString().ShouldContain("MotCua:Scanning");
    }

    [Fact]
    public async Task No_scanning_said_explicitly_starts_production_and_shows_in_readiness()
    {
        await using var host = new ScannerAt("", environment: "Production", disabled: true);
        await host.InitializeAsync();
        var ready = await host.Anonymous().GetStringAsync("/health/ready");
        ready.ShouldStartWith("Degraded");
        ready.ShouldContain("MotCua:Scanning:Disabled");
        (await app.Anonymous().GetStringAsync("/health/ready")).ShouldBe("Healthy");
    }

    private static byte[] Zip(params (string Name, int Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open(), Encoding.UTF8))
            {
                types.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            var zeros = new byte[1024 * 1024];
            foreach (var (name, bytes) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                for (var left = bytes; left > 0; left -= zeros.Length)
                {
                    entry.Write(zeros, 0, Math.Min(left, zeros.Length));
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A host whose clamd address is <paramref name="clamd"/> (empty: none), without demo data.</summary>
    private sealed class ScannerAt(string clamd, string environment = "Testing", bool disabled = false) : MotCuaFactory
    {
        protected override bool SeedsDemoData => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            builder.UseSetting("MotCua:Scanning:Clamd", clamd);
            builder.UseSetting("MotCua:Scanning:Disabled", disabled ? "true" : "false");
            // Its own file store, so that other hosts' uploads never pass through the quarantine this host looks at.
            builder.UseSetting("MotCua:Files:Directory", Path.Combine(Path.GetTempPath(), "motcua-tests", "files-" + Guid.NewGuid().ToString("N")));
        }
    }
}
