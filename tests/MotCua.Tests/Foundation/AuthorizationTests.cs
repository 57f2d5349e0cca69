using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;

namespace MotCua.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class AuthorizationTests(MotCuaFactory app)
{
    private const string Province = "000.00.00.H50";

    [Fact]
    public void Every_endpoint_and_page_names_its_authorization_explicitly()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        endpoints.Count.ShouldBeGreaterThan(20);
        var unnamed = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any())
            .Select(e => e.RoutePattern.RawText + " " + e.DisplayName)
            .ToList();
        unnamed.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_commune_officer_neither_reads_nor_changes_another_commune()
    {
        var communeA = await app.CreateUnitAsync(Province);
        var communeB = await app.CreateUnitAsync(Province);
        var adminA = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, communeA));

        (await adminA.GetAsync($"/api/v1/units/{communeA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await adminA.GetAsync($"/api/v1/units/{communeB}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var edit = await adminA.PutAsJsonAsync($"/api/v1/units/{communeB}", new { name = "Chiếm quyền", kind = "Commune", validFrom = "2020-01-01" });
        await edit.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var office = await adminA.PostAsJsonAsync("/api/v1/units", new { code = MotCuaFactory.UniqueCode(), name = "Phòng lạ", kind = "Office", parentCode = communeB, validFrom = "2021-01-01" });
        await office.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var list = await adminA.GetFromJsonAsync<JsonElement>("/api/v1/units");
        list.EnumerateArray().Select(u => u.GetProperty("code").GetString()).ShouldBe([communeA]);
        app.WithDb(db => db.Units.Single(u => u.Code == communeB).Name).ShouldStartWith("Xã Thử Nghiệm");
    }

    [Fact]
    public async Task A_desk_officer_may_read_its_unit_but_not_administer_it()
    {
        var commune = await app.CreateUnitAsync(Province);
        var desk = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, commune));
        (await desk.GetAsync($"/api/v1/units/{commune}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var edit = await desk.PutAsJsonAsync($"/api/v1/units/{commune}", new { name = "Đổi tên", kind = "Commune", validFrom = "2020-01-01" });
        await edit.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_district_supervisor_sees_its_communes_and_a_province_supervisor_sees_everything()
    {
        var district = await app.CreateUnitAsync(Province, UnitKind.District);
        var commune = await app.CreateUnitAsync(district);
        var elsewhere = await app.CreateUnitAsync(Province);
        var districtSupervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, district));
        var codes = (await districtSupervisor.GetFromJsonAsync<JsonElement>("/api/v1/units")).EnumerateArray().Select(u => u.GetProperty("code").GetString()).ToList();
        codes.ShouldBe([district, commune], ignoreOrder: true);

        var provinceSupervisor = await app.SignInAsync("tinh.giamsat");
        var all = (await provinceSupervisor.GetFromJsonAsync<JsonElement>("/api/v1/units")).EnumerateArray().Select(u => u.GetProperty("code").GetString()).ToList();
        all.ShouldContain(commune);
        all.ShouldContain(elsewhere);
    }

    [Fact]
    public async Task Anonymous_callers_and_citizens_get_401_or_403_from_staff_endpoints()
    {
        await (await app.Anonymous().GetAsync("/api/v1/units")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var citizen = await app.SignInAsync("0912345678");
        await (await citizen.GetAsync("/api/v1/units")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await citizen.GetAsync("/api/v1/audit/verify")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var page = await app.Anonymous().GetAsync("/backoffice/units");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldStartWith("http://localhost/account/login");
    }

    [Fact]
    public async Task Staff_without_a_second_factor_cannot_use_the_back_office()
    {
        var commune = await app.CreateUnitAsync(Province);
        var admin = await app.SignInAsync("sysadmin");
        var created = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "moi" + Guid.NewGuid().ToString("N")[..8],
            fullName = "Cán bộ mới",
            password = "Một mật khẩu đủ dài 2026",
            roles = new[] { new { role = "DeskOfficer", unitCode = commune } },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var userName = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userName").GetString()!;

        var fresh = app.Anonymous();
        var login = await fresh.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = "Một mật khẩu đủ dài 2026" });
        (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secondFactorPassed").GetBoolean().ShouldBeFalse();
        await (await fresh.GetAsync($"/api/v1/units/{commune}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Staff_passwords_need_twelve_characters_and_must_not_be_common()
    {
        var commune = await app.CreateUnitAsync(Province);
        var admin = await app.SignInAsync("sysadmin");
        foreach (var password in new[] { "ngan12345", "matkhau12345" })
        {
            var response = await admin.PostAsJsonAsync("/api/v1/users", new
            {
                userName = "pw" + Guid.NewGuid().ToString("N")[..8],
                fullName = "Cán bộ",
                password,
                roles = new[] { new { role = "DeskOfficer", unitCode = commune } },
            });
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.GetProperty("errors").GetProperty("password").GetArrayLength().ShouldBeGreaterThan(0);
        }
    }
}
