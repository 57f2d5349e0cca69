using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Forms;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Workflow;

/// <summary>Forms 04, the process control slip and the stop notice as PDF, read back with pdftotext, by the era of the receipt date.</summary>
[Collection(AppCollection.Name)]
public sealed class ProcessingFormsTests(MotCuaFactory app)
{
    private static DateTimeOffset Vn(int day, int hour, int minute = 0) => WorkflowApiTests.Vn(day, hour, minute);

    [Fact]
    public async Task The_apology_and_the_control_slip_print_the_dates_reason_and_every_hand_off()
    {
        var flow = new WorkflowApiTests(app);
        var (_, desk, _, specialist, leader) = await flow.ArrangeAsync();
        try
        {
            var code = await flow.ReceiveAsync(desk, Vn(5, 9));
            var id = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Id);
            var started = await flow.ActAsync(desk, code, "start", Vn(5, 9, 30), new { version = 1 });
            var atLeader = await flow.ActAsync(specialist, code, "forward", Vn(6, 10), new { version = WorkflowApiTests.Version(started), note = "Đủ điều kiện" });
            (await leader.GetAsync($"/backoffice/ho-so/{id}/bieu-mau/xin-loi")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var extended = await flow.ActAsync(leader, code, "extend", Vn(6, 11),
                new { version = WorkflowApiTests.Version(atLeader), newDueAt = "2026-01-12T09:00:00+07:00", reason = "Chờ kết quả xác minh của Công an xã" });

            var apology = await PdfAsync(leader, $"/backoffice/ho-so/{id}/bieu-mau/xin-loi?format=pdf");
            apology.ShouldContain("Mẫu số 04 (Thông tư số 03/2025/TT-VPCP)");
            apology.ShouldContain("VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ");
            apology.ShouldContain("Nguyễn Thị Hằng");
            apology.ShouldContain(code);
            apology.ShouldContain("Chờ kết quả xác minh của Công an xã");
            apology.ShouldContain("9 giờ 00 phút, ngày 08/01/2026");
            apology.ShouldContain("9 giờ 00 phút, ngày 12/01/2026");
            apology.ShouldContain("THỦ TRƯỞNG CƠ QUAN");

            var signed = await ResultsApiTests.AttachAsync(leader, code, WorkflowApiTests.Version(extended));
            await flow.ActAsync(leader, code, "forward", Vn(7, 9), new { version = signed, note = "Đồng ý" });

            var html = await desk.GetStringAsync($"/backoffice/ho-so/{id}/bieu-mau/kiem-soat");
            html.ShouldContain("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
            html.ShouldContain("<td>9 giờ 30 phút, ngày 05/01/2026</td>");
            html.ShouldContain("<td>10 giờ 00 phút, ngày 06/01/2026</td>");
            html.ShouldContain("<td>9 giờ 00 phút, ngày 07/01/2026</td>");
            var slip = await PdfAsync(desk, $"/backoffice/ho-so/{id}/bieu-mau/kiem-soat?format=pdf");
            slip.ShouldContain("Mẫu số 06 (Thông tư số 03/2025/TT-VPCP)");
            slip.ShouldContain("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
            slip.ShouldContain("Mã hồ sơ: " + code);
            slip.ShouldContain("Thẩm định hồ sơ");
            slip.ShouldContain("Phê duyệt");

            // Step 1 (16 h from Mon 09:30, due Wed 09:30) ended on Tuesday: early; step 2 (4 h from Tue 10:00, due Tue 16:00) ended on Wednesday: late.
            slip.ShouldContain("Trước hạn");
            slip.ShouldContain("Quá hạn");
            slip.ShouldContain("Đủ điều kiện");
            slip.ShouldContain("hẹn lại: 9 giờ 00 phút, ngày 12/01/2026");
            slip.ShouldContain("Kết quả giải quyết hồ sơ: Trước hạn");

            // A dossier received before 1/7/2025 keeps the forms of Circular 01/2018: 04 is a slip, the control slip is 05.
            app.WithDb(db => db.Dossiers.Where(d => d.Id == id).ExecuteUpdate(u => u.SetProperty(d => d.ReceivedAt, new DateTime(2025, 6, 30, 2, 0, 0, DateTimeKind.Utc))));
            var old = await PdfAsync(desk, $"/backoffice/ho-so/{id}/bieu-mau/kiem-soat?format=pdf");
            old.ShouldContain("Mẫu số 05 (Thông tư số 01/2018/TT-VPCP)");
            old.ShouldContain("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
            var oldApology = await PdfAsync(desk, $"/backoffice/ho-so/{id}/bieu-mau/xin-loi?format=pdf");
            oldApology.ShouldContain("Mẫu số 04 (Thông tư số 01/2018/TT-VPCP)");
            oldApology.ShouldContain("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_dossier_stopped_at_the_applicants_request_prints_the_2025_stop_notice()
    {
        var flow = new WorkflowApiTests(app);
        var (_, desk, _, _, _) = await flow.ArrangeAsync();
        var code = await flow.ReceiveAsync(desk, null);
        var id = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Id);
        (await desk.GetAsync($"/backoffice/ho-so/{id}/bieu-mau/dung-xu-ly")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/stop", new { version = 1, reason = "Công dân đề nghị dừng để bổ sung giấy tờ khác" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var notice = await PdfAsync(desk, $"/backoffice/ho-so/{id}/bieu-mau/dung-xu-ly?format=pdf");
        notice.ShouldContain("Mẫu số 05 (Thông tư số 03/2025/TT-VPCP)");
        notice.ShouldContain("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ");
        notice.ShouldContain("Công dân đề nghị dừng để bổ sung giấy tờ khác");
        notice.ShouldContain("Nguyễn Thị Hằng");
        (await desk.GetAsync($"/backoffice/ho-so/{id}/bieu-mau/khong-co")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<string> PdfAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        // Collapse the layout's spacing, so a phrase split over a table cell's lines still reads as one.
        var text = await SlipPdfTests.PdfTextAsync(await response.Content.ReadAsByteArrayAsync());
        return string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
    }
}
