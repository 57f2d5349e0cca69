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
        var (unit, desk, specialistName, specialist, leader) = await flow.ArrangeAsync();
        var colleagueName = await app.CreateStaffAsync(MotCua.Web.Identity.StaffRole.Specialist, unit);
        var colleague = await app.SignInAsync(colleagueName);
        try
        {
            var code = await flow.ReceiveAsync(desk, Vn(5, 9));
            var id = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Id);
            var started = await flow.ActAsync(desk, code, "start", Vn(5, 9, 30), new { version = 1 });
            var taken = await flow.ActAsync(specialist, code, "assign", Vn(5, 10), new { version = WorkflowApiTests.Version(started), assigneeUserName = specialistName });
            var reassigned = await flow.ActAsync(leader, code, "assign", Vn(5, 14), new { version = WorkflowApiTests.Version(taken), assigneeUserName = colleagueName });
            var atLeader = await flow.ActAsync(colleague, code, "forward", Vn(6, 10), new { version = WorkflowApiTests.Version(reassigned), note = "Đủ điều kiện" });
            atLeader.GetProperty("stepDueAt").GetString().ShouldBe("2026-01-06T16:00:00+07:00");
            (await leader.GetAsync($"/backoffice/ho-so/{id}/bieu-mau/xin-loi")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

            // A reason of several lines, beside its label: its last words must reach the PDF.
            const string Reason = "Chờ kết quả xác minh của Công an xã về nơi cư trú trước đây của người yêu cầu, vì hồ sơ lưu trữ của xã cũ đã chuyển về"
                + " xã mới sau khi sắp xếp đơn vị hành chính ngày 01/07/2025 và chưa được số hóa đầy đủ; dự kiến có kết quả sau ba ngày làm việc";
            var extended = await flow.ActAsync(leader, code, "extend", Vn(6, 11),
                new { version = WorkflowApiTests.Version(atLeader), newDueAt = "2026-01-12T09:00:00+07:00", reason = Reason });

            // The new date adds 24 working hours (Thu 08/01 09:00 → Mon 12/01 09:00, with Sat 10/01 worked in exchange): the
            // leader's step, due Tue 06/01 16:00, gets them too: Tue 1 h, Wed 8 h, Thu 8 h, Fri 7 h → Fri 09/01 16:00.
            extended.GetProperty("stepDueAt").GetString().ShouldBe("2026-01-09T16:00:00+07:00");

            var apology = await PdfAsync(leader, $"/backoffice/ho-so/{id}/bieu-mau/xin-loi?format=pdf");
            apology.ShouldContain("Mẫu số 04 (Thông tư số 03/2025/TT-VPCP)");
            apology.ShouldContain("VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ");
            apology.ShouldContain("Nguyễn Thị Hằng");
            apology.ShouldContain(code);
            apology.ShouldContain("Chờ kết quả xác minh của Công an xã");
            apology.ShouldContain("dự kiến có kết quả sau ba ngày làm việc");
            apology.ShouldContain("9 giờ 00 phút, ngày 08/01/2026");
            apology.ShouldContain("9 giờ 00 phút, ngày 12/01/2026");
            apology.ShouldContain("THỦ TRƯỞNG CƠ QUAN");

            var signed = await ResultsApiTests.AttachAsync(leader, code, WorkflowApiTests.Version(extended));
            var processed = await flow.ActAsync(leader, code, "forward", Vn(7, 9), new { version = signed, note = "Đồng ý" });
            await flow.ActAsync(desk, code, "return", Vn(7, 10), new { version = WorkflowApiTests.Version(processed) });

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

            // Step 1 (16 h from Mon 09:30, due Wed 09:30) ended on Tuesday: early; step 2, due Fri 09/01 16:00 since the apology,
            // ended on Wednesday: early too, and so did the dossier, judged on its original date (Thu 08/01).
            slip.ShouldContain("Trước hạn");
            slip.ShouldNotContain("Quá hạn", Case.Sensitive);
            slip.ShouldContain("Đủ điều kiện");
            slip.ShouldContain("hẹn lại: 9 giờ 00 phút, ngày 12/01/2026");
            slip.ShouldContain("Kết quả giải quyết hồ sơ: Trước hạn");

            // A row for the assignment, the reassignment, the apology and the return (the notes wrap in their narrow PDF column).
            html.ShouldContain("<td>Phân công xử lý</td>");
            html.ShouldContain("<td>Giao lại cho cán bộ khác</td>");
            html.ShouldContain("<td>Xin lỗi và hẹn lại ngày trả kết quả: 9 giờ 00 phút, ngày 12/01/2026; lý do: Chờ kết quả xác minh");
            html.ShouldContain("<td>Trả kết quả tại Bộ phận Một cửa</td>");
            html.ShouldContain("<td>10 giờ 00 phút, ngày 07/01/2026</td>");

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
