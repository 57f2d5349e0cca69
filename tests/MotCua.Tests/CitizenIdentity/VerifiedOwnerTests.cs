using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Web.CitizenIdentity;
using Shouldly;

namespace MotCua.Tests.CitizenIdentity;

/// <summary>The verified identity fills the owner of the citizen's online dossier, and the citizen cannot change it.</summary>
[Collection(NationalIdentityCollection.Name)]
public sealed class VerifiedOwnerTests(NationalIdentityHost app)
{
    // Xác nhận tình trạng hôn nhân: online (full).
    private const string MaritalStatus = "1.004873";

    [Fact]
    public async Task In_Chromium_a_citizen_signs_in_through_the_national_identity_and_the_online_form_is_prefilled_and_locked()
    {
        var unit = await app.CreateUnitAsync("000.00.00.H50", name: "Xã Định Danh");
        await app.ProvideAsync(MaritalStatus, unit);
        var person = Person.New("Hoàng Minh Châu");
        var page = await app.NewPageAsync();
        await page.OpenAsync($"/nop-ho-so/{MaritalStatus}");
        await page.WaitForPathAsync("**/account/login?**");
        await page.GetByRole(AriaRole.Link, new() { Name = "Đăng nhập bằng VNeID / tài khoản định danh điện tử" }).ClickAsync();
        await page.WaitForPathAsync(TestOidcProvider.Address + "/authorize?**");
        await page.GetByLabel("Số định danh cá nhân (CCCD, 12 chữ số)").FillAsync(person.IdNumber);
        await page.GetByLabel("Họ và tên").FillAsync(person.Name);
        await page.GetByLabel("Ngày sinh").FillAsync(person.BirthDate);
        await page.GetByLabel("Nơi thường trú").FillAsync(person.Address);
        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận đăng nhập" }).ClickAsync();

        await page.WaitForPathAsync($"{app.BaseUrl}/nop-ho-so/{MaritalStatus}");
        var name = page.GetByLabel("Họ và tên");
        (await name.InputValueAsync()).ShouldBe(person.Name);
        (await name.GetAttributeAsync("readonly")).ShouldNotBeNull();
        var number = page.GetByLabel("Số giấy tờ tùy thân");
        (await number.InputValueAsync()).ShouldBe(person.IdNumber);
        (await number.GetAttributeAsync("readonly")).ShouldNotBeNull();
        (await page.GetByLabel("Ngày sinh").InputValueAsync()).ShouldBe("09/03/1988");
        (await page.GetByLabel("Địa chỉ").InputValueAsync()).ShouldBe(person.Address);
        await page.GetByText("Đã xác thực qua VNeID").WaitForAsync();

        await page.GetByLabel("Đơn vị có thẩm quyền giải quyết").SelectOptionAsync(unit);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ", Exact = true }).ClickAsync();
        await page.WaitForPathAsync("**/ho-so-cua-toi/*");

        var dossier = app.WithDb(db => db.Dossiers.Where(d => d.Owner.IdNumber == person.IdNumber).Select(d => new { d.Id, d.Owner.Name, d.CitizenAccountId }).Single());
        dossier.Name.ShouldBe(person.Name);
        app.WithDb(db => db.DossierOwnerVerifications.Single(v => v.DossierId == dossier.Id).BirthDate).ShouldBe(new DateOnly(1988, 3, 9));
        app.WithDb(db => db.NationalIdentityLinks.Single(l => l.IdNumber == person.IdNumber).UserId).ShouldBe(dossier.CitizenAccountId!.Value);
    }

    [Fact]
    public async Task A_verified_citizen_cannot_submit_another_name_or_number_as_their_own_and_the_reuse_is_recorded()
    {
        var (unit, _) = await app.DeskAsync(MaritalStatus);
        var person = Person.New("Phạm Quốc Bảo");
        var citizen = app.Browserless();
        (await NationalSignIn.SignInAsync(citizen, person)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The body names someone else (Trần Thị Mai, 045190009876) as the owner.
        var response = await citizen.PostAsJsonAsync("/api/v1/online-dossiers", OnlineApiTests.Body(unit));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();

        var owner = app.WithDb(db => db.Dossiers.AsNoTracking().Where(d => d.Id == id).Select(d => d.Owner).Single());
        owner.Name.ShouldBe(person.Name);
        owner.IdNumber.ShouldBe(person.IdNumber);
        owner.Address.ShouldBe("Thôn Gio Mai, xã Gio Linh, tỉnh Quảng Trị");
        app.WithDb(db => db.DossierOwnerVerifications.Single(v => v.DossierId == id).Issuer).ShouldBe(TestOidcProvider.Address);
        app.WithDb(db => db.DossierReuses.Where(r => r.DossierId == id).Select(r => r.Kind).ToList()).ShouldBe([ReuseKind.IdentityData]);
        var submitted = app.WithDb(db => db.AuditEvents.Single(e => e.StreamId == "Dossier:" + id && e.Action == "dossier.submitted").After!);
        submitted.ShouldContain("\"OwnerVerified\":true");
        submitted.ShouldContain("IdentityData");
    }
}
