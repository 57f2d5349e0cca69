using System.Diagnostics;
using MotCua.Web.Forms;
using MotCua.Web.Signatures;
using Shouldly;

namespace MotCua.Tests.Forms;

public sealed class SlipPdfTests
{
    [Fact]
    public async Task A_slip_prints_its_Vietnamese_text_and_a_QR_code_into_the_pdf()
    {
        var slip = new Slip(
            "Mẫu số 01",
            ["UBND HUYỆN GIO LINH", "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"],
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            "Mã hồ sơ: 000.00.12.H50-221115-0007",
            [new("Tiếp nhận hồ sơ của:", "Nguyễn Thị Hằng, thôn Hà Thượng, xã Gio Châu")],
            new SlipTable(["TT", "Tên giấy tờ", "Bản chính"], [1, 6, 2], [["1", "Tờ khai đăng ký khai sinh", "1"]]),
            [new("Thời gian trả kết quả:", "16 giờ 30 phút, ngày 13/03/2026")],
            [new("NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", "Nguyễn Thị Hằng"), new("NGƯỜI TIẾP NHẬN", "(Ký và ghi rõ họ tên)", "Phạm Thị Hoa")],
            "https://motcua.example/tra-cuu?ma=000.00.12.H50-221115-0007",
            "000.00.12.H50-221115-0007");

        var pdf = new SlipPdf(new FormsOptions()).Render(slip);

        pdf.AsSpan(0, 5).ToArray().ShouldBe("%PDF-"u8.ToArray());
        var text = await PdfTextAsync(pdf);
        text.ShouldContain("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
        text.ShouldContain("Nguyễn Thị Hằng, thôn Hà Thượng, xã Gio Châu");
        text.ShouldContain("Tờ khai đăng ký khai sinh");
        text.ShouldContain("Độc lập - Tự do - Hạnh phúc");
        text.ShouldContain("16 giờ 30 phút, ngày 13/03/2026");
    }

    [Fact]
    public async Task A_long_text_beside_its_label_prints_to_its_last_word()
    {
        var reason = string.Join(' ', Enumerable.Repeat("Chờ kết quả xác minh của cơ quan phối hợp về nơi cư trú trước đây của người yêu cầu.", 5))
            + " Hết lý do.";
        var slip = new Slip("Mẫu số 04", ["UBND XÃ GIO LINH"], "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", null,
            [new("Lý do chậm trả kết quả:", reason), new("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", "Bản sao giấy khai sinh")],
            null, [], [], null, null);

        var text = string.Join(' ', (await PdfTextAsync(new SlipPdf(new FormsOptions()).Render(slip))).Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

        text.ShouldContain("Hết lý do.");
        text.ShouldContain("nội dung sau: Bản sao giấy khai sinh");
    }

    [Fact]
    public void Missing_fonts_fail_with_a_message_that_says_how_to_fix_it()
    {
        var error = Should.Throw<InvalidOperationException>(() => PdfFonts.LoadFaces("/nonexistent/fonts"));
        error.Message.ShouldContain("fonts-dejavu-core");
    }

    /// <summary>Extracts the text with poppler's pdftotext, as a reader's screen reader would get it.</summary>
    [Fact]
    public async Task However_long_a_slip_runs_the_foot_of_its_last_page_stays_free_for_the_signature_stamp()
    {
        var renderer = new SlipPdf(new FormsOptions());
        var pages = new HashSet<int>();
        // From a table that ends mid-page to one that ends in the foot of the first page or spills onto a second.
        for (var rows = 10; rows <= 40; rows++)
        {
            var slip = new Slip("Mẫu số 05", ["UBND XÃ GIO CHÂU", "BỘ PHẬN MỘT CỬA"], "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", null, [],
                new SlipTable(["Tên cơ quan", "Thời gian giao, nhận", "Kết quả"], [3, 3, 3],
                    [.. Enumerable.Range(1, rows).Select(i => (IReadOnlyList<string>)[$"Bước {i}", "9 giờ 30 phút, ngày 05/01/2026", "Đúng hạn"])]),
                [], [new("NGƯỜI LẬP", "(Ký và ghi rõ họ tên)", "Phạm Thị Hoa")], null, null);
            var words = await WordsAsync(renderer.Render(slip));
            var last = words.Max(w => w.Page);
            pages.Add(last);
            var (height, lowest) = (words.First(w => w.Page == last).PageHeight, words.Where(w => w.Page == last).Max(w => w.Bottom));
            // Above the top of the stamp PadesSigner draws at the foot.
            lowest.ShouldBeLessThan(height - PadesSigner.StampMargin - PadesSigner.StampHeight, $"{rows} rows");
        }

        pages.ShouldContain(1);
        pages.ShouldContain(2);
    }

    /// <summary>Every word pdftotext finds, with its page (from 1), the page's height and the word's bottom, in points from the top.</summary>
    private static async Task<List<(int Page, double PageHeight, double Bottom)>> WordsAsync(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-bbox", path, "-"]) { RedirectStandardOutput = true })!;
            var html = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0);
            var words = new List<(int, double, double)>();
            var page = 0;
            var height = 0.0;
            foreach (System.Text.RegularExpressions.Match tag in System.Text.RegularExpressions.Regex.Matches(html, "<page width=\"[^\"]+\" height=\"([^\"]+)\"|<word [^>]*yMax=\"([^\"]+)\""))
            {
                if (tag.Groups[1].Success)
                {
                    page++;
                    height = double.Parse(tag.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
                else
                {
                    words.Add((page, height, double.Parse(tag.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
                }
            }

            return words;
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", "-layout", path, "-"]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0);
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
