using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Forms;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Dossiers;

[Collection(AppCollection.Name)]
public sealed class SlipTests(MotCuaFactory app)
{
    [Fact]
    public async Task The_receipt_pdf_holds_the_code_the_owner_and_the_appointment_in_Vietnamese()
    {
        var (_, desk) = await app.DeskAsync("1.004873");
        var json = await (await desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body("1.004873"))).Content.ReadFromJsonAsync<JsonElement>();
        var id = json.GetProperty("id").GetString();

        var response = await desk.GetAsync($"/backoffice/ho-so/{id}/phieu/tiep-nhan?format=pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = await SlipPdfTests.PdfTextAsync(await response.Content.ReadAsByteArrayAsync());
        text.ShouldContain("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
        text.ShouldContain(json.GetProperty("code").GetString()!);
        text.ShouldContain("Nguyễn Thị Hằng");
        text.ShouldContain("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân");
        text.ShouldContain("Mẫu số 01 (Thông tư số 03/2025/TT-VPCP)");
        var due = DateTimeOffset.Parse(json.GetProperty("dueAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        text.ShouldContain($"ngày {due:dd/MM/yyyy}");
    }

    [Fact]
    public async Task A_refusal_at_the_counter_keeps_no_code_and_prints_form_03_with_the_reason()
    {
        var (unit, desk) = await app.DeskAsync("1.004873");
        var page = await desk.GetStringAsync("/backoffice/tiep-nhan?Procedure=1.004873");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Procedure"] = "1.004873",
            ["Channel"] = "Counter",
            ["Owner.Name"] = "Trần Văn Bình",
            ["Owner.IdType"] = "CitizenId",
            ["Owner.IdNumber"] = "045190004455",
            ["Owner.Address"] = "Thôn Nam Đông, xã Cửa Việt",
            ["Lines[0].Name"] = "Tờ khai",
            ["Lines[0].Included"] = "true",
            ["Lines[0].Originals"] = "1",
            ["Reason"] = "Người yêu cầu đã có đăng ký kết hôn tại nơi khác; không thuộc thẩm quyền.",
        });

        var response = await desk.PostAsync("/backoffice/tiep-nhan?handler=Refuse", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var slip = await desk.GetStringAsync(response.Headers.Location!.ToString());
        slip.ShouldContain("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ");
        slip.ShouldContain("không thuộc thẩm quyền");
        var dossier = app.WithDb(db => db.Dossiers.Single(d => d.ReceivingUnitPath.EndsWith("/" + unit + "/")));
        dossier.Code.ShouldBeNull();
        dossier.State.NationalCodeShouldBe(3);
    }
}

internal static class DossierAssertions
{
    public static void NationalCodeShouldBe(this MotCua.Web.Dossiers.DossierState state, int code) =>
        MotCua.Web.Dossiers.DossierStates.NationalCode(state).ShouldBe(code);
}
