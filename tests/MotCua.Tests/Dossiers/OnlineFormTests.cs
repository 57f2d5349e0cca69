using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Dossiers;

/// <summary>The citizen's online form: filled in from the account and the last dossier, with the papers that must be attached marked.</summary>
[Collection(AppCollection.Name)]
public sealed class OnlineFormTests(MotCuaFactory app)
{
    private const string MaritalStatus = "1.004873";

    [Fact]
    public async Task The_form_is_prefilled_from_the_citizens_account_and_last_dossier_and_marks_the_required_papers()
    {
        var (unit, _) = await app.DeskAsync(MaritalStatus);
        var phone = "09" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string password = "Mật khẩu công dân 2026";
        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register", new { phoneOrEmail = phone, fullName = "Trần Thị Mai", password }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var citizen = await app.SignInAsync(phone, password);
        var submitted = await citizen.PostAsync("/api/v1/online-dossiers", OnlineApiTests.Multipart(OnlineApiTests.Body(unit, phone: phone)));
        submitted.StatusCode.ShouldBe(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());

        var form = new HtmlParser().ParseDocument(await citizen.GetStringAsync($"/nop-ho-so/{MaritalStatus}"));
        string Value(string name) => form.QuerySelector($"[name='{name}']")!.GetAttribute("value") ?? "";
        Value("Form.Name").ShouldBe("Trần Thị Mai");
        Value("Form.Phone").ShouldBe(phone);
        Value("Form.IdNumber").ShouldBe("045190009876");
        Value("Form.Address").ShouldBe("Thôn Gio Mai, xã Gio Linh, tỉnh Quảng Trị");
        form.QuerySelector("[name='Form.IdType'] option[selected]")!.GetAttribute("value").ShouldBe("CitizenId");

        var papers = form.QuerySelectorAll("label[for^='component-']")
            .ToDictionary(l => l.TextContent.Split(" (nếu có)")[0].Trim()[..20], l => l.QuerySelector("[data-required]")!.GetAttribute("data-required"));
        papers["Tờ khai cấp Giấy xác"].ShouldBe("true");
        papers["Bản án/quyết định ly"].ShouldBe("false");
        papers["Xuất trình giấy tờ t"].ShouldBe("false");
        form.QuerySelector("#component-0")!.GetAttribute("aria-required").ShouldBe("true");
    }
}
