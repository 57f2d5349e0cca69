using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Privacy;

/// <summary>The personal-data pages in Chromium: the citizen's own data page, and the back office's access report.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PersonalDataBrowserTests(BrowserHost host)
{
    private const string MaritalStatus = "1.004873";
    private const string Password = "Mật khẩu công dân 2026";

    [Fact]
    public async Task A_citizen_sees_corrects_and_downloads_their_data_and_the_supervisor_sees_the_officers_read_in_the_report()
    {
        var unit = await host.CreateUnitAsync("000.00.00.H50", name: "Xã Dữ Liệu");
        await host.ProvideAsync(MaritalStatus, unit);
        var officer = await host.CreateStaffAsync(StaffRole.DeskOfficer, unit);
        var phone = "09" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await host.Anonymous().PostAsJsonAsync("/api/v1/auth/register", new { phoneOrEmail = phone, fullName = "Lê Thị Hoa", password = Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var api = await host.SignInAsync(phone, Password);
        var submitted = await api.PostAsync("/api/v1/online-dossiers", OnlineApiTests.Multipart(OnlineApiTests.Body(unit, phone: phone)));
        submitted.StatusCode.ShouldBe(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var citizen = await host.NewPageAsync();
        await BrowserHost.SignInAsync(citizen, phone, Password);
        await citizen.GetByRole(AriaRole.Link, new() { Name = "Dữ liệu cá nhân" }).ClickAsync();
        await citizen.WaitForPathAsync("**/tai-khoan/du-lieu-ca-nhan");
        var card = citizen.Locator($"[data-dossier='{id}']");
        (await card.Locator("[data-owner]").InnerTextAsync()).ShouldBe("Trần Thị Mai");
        await card.GetByLabel("Số điện thoại").FillAsync("0987111222");
        await card.GetByRole(AriaRole.Button, new() { Name = "Lưu thông tin liên hệ" }).ClickAsync();
        (await citizen.Locator("[role=status]").InnerTextAsync()).ShouldBe("Đã lưu.");
        (await citizen.Locator($"[data-dossier='{id}']").GetByLabel("Số điện thoại").InputValueAsync()).ShouldBe("0987111222");

        var download = await citizen.RunAndWaitForDownloadAsync(() => citizen.Locator("[data-download]").ClickAsync());
        download.SuggestedFilename.ShouldStartWith("du-lieu-ca-nhan-");
        var json = JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!)).RootElement;
        json.GetProperty("account").GetProperty("fullName").GetString().ShouldBe("Lê Thị Hoa");
        json.GetProperty("dossiers")[0].GetProperty("owner").GetProperty("phone").GetString().ShouldBe("0987111222");

        // The desk officer opens the submission: the read is logged and the report shows it.
        var desk = await host.NewPageAsync();
        await BrowserHost.SignInAsync(desk, officer, DemoSeeder.StaffPassword);
        (await desk.OpenAsync($"/backoffice/truc-tuyen/{id}"))!.Status.ShouldBe(200);

        var supervisor = await host.NewPageAsync();
        await BrowserHost.SignInAsync(supervisor, await host.CreateStaffAsync(StaffRole.Supervisor, unit), DemoSeeder.StaffPassword);
        await supervisor.GetByRole(AriaRole.Link, new() { Name = "Truy cập dữ liệu cá nhân" }).ClickAsync();
        await supervisor.WaitForPathAsync("**/backoffice/du-lieu-ca-nhan/truy-cap");
        await supervisor.GetByLabel("Tên đăng nhập cán bộ").FillAsync(officer);
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
        await supervisor.WaitForPathAsync("**userName=" + officer + "**");
        (await supervisor.Locator("[data-summary]").InnerTextAsync()).ShouldBe("1 lượt xem, 1 hồ sơ, 1 cán bộ");
        var row = supervisor.Locator("tr[data-read]");
        (await row.InnerTextAsync()).ShouldContain("Kiểm tra hồ sơ trực tuyến");
        (await row.InnerTextAsync()).ShouldContain(officer);
        (await supervisor.Locator("[data-csv]").GetAttributeAsync("href"))!.ShouldStartWith("/api/v1/personal-data/reads.csv?from=");
    }
}
