using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Workflow;
using MotCua.Web.Signatures;
using Shouldly;

namespace MotCua.Tests.Signing;

/// <summary>The public verification page in Chromium: anyone uploads a PDF and reads whether its signature holds and who signed it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class VerifyPageBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task Anyone_uploads_a_signed_PDF_and_reads_that_it_is_valid_and_who_signed_and_a_changed_one_is_not()
    {
        var signer = host.Services.GetRequiredService<PadesSigner>();
        var signed = (await signer.SignAsync(ResultsApiTests.Pdf, "000.00.00.H50",
            new SignatureStamp("Lê Văn Duyệt", new DateTime(2026, 12, 7, 15, 0, 0), "https://motcua.example/xac-thuc", "Thử"), CancellationToken.None)).Content;
        var changed = (byte[])signed.Clone();
        changed[Array.IndexOf(changed, (byte)'\n') + 2] ^= 0x01;
        var page = await host.NewPageAsync();

        await page.OpenAsync("/xac-thuc");
        await page.GetByLabel("Tải lên tệp PDF cần xác thực").SetInputFilesAsync(new FilePayload { Name = "ket-qua.pdf", MimeType = "application/pdf", Buffer = signed });
        await page.GetByRole(AriaRole.Button, new() { Name = "Xác thực", Exact = true }).ClickAsync();

        var verdict = page.Locator("[data-verdict]");
        (await verdict.GetAttributeAsync("data-verdict")).ShouldBe("valid");
        (await verdict.Locator("h2").InnerTextAsync()).ShouldBe("Chữ ký số hợp lệ");
        (await page.Locator("[data-signer]").InnerTextAsync()).ShouldBe("MotCua demo unit");
        // Signed here outside a dossier: MotCua holds no record of this very file.
        (await page.Locator("[data-matches]").InnerTextAsync()).ShouldBe("Không khớp với văn bản nào MotCua đã ký");

        await page.GetByLabel("Tải lên tệp PDF cần xác thực").SetInputFilesAsync(new FilePayload { Name = "ket-qua.pdf", MimeType = "application/pdf", Buffer = changed });
        await page.GetByRole(AriaRole.Button, new() { Name = "Xác thực", Exact = true }).ClickAsync();
        await page.Locator("[data-verdict=invalid]").WaitForAsync();
        (await page.Locator("[data-verdict] h2").InnerTextAsync()).ShouldStartWith("Chữ ký số KHÔNG hợp lệ");
    }
}
