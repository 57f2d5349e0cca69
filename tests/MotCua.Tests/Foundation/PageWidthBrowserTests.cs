using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Workflow;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Foundation;

/// <summary>
/// Every page of the site, public and back office, opened in Chromium on a 390 px phone and on a 1,366 px laptop by an
/// account that may open it: none is wider than the window. The pages are read from the app's own routes, so a new page
/// without an address to open here fails the test instead of being forgotten.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageWidthBrowserTests(BrowserHost host)
{
    private const string MaritalStatus = "1.004873";
    private const string Province = "000.00.00.H50";

    private enum Who
    {
        Anyone,
        Citizen,
        DeskOfficer,
        Administrator,
    }

    [Fact]
    public async Task No_page_is_wider_than_the_window_on_a_phone_or_a_laptop()
    {
        var (dossier, online, unit, citizenPhone, citizenPassword) = await ArrangeAsync();
        var par = await MotCua.Tests.Oversight.ParIndexFixtures.PublishedAsync(host);
        var addresses = new Dictionary<string, (Who Who, string Url)>(StringComparer.Ordinal)
        {
            [""] = (Who.Anyone, "/"),
            ["thu-tuc"] = (Who.Anyone, "/thu-tuc"),
            ["thu-tuc/{code}"] = (Who.Anyone, $"/thu-tuc/{MaritalStatus}"),
            ["don-vi/{unitCode}/thu-tuc"] = (Who.Anyone, $"/don-vi/{Province}/thu-tuc"),
            ["cong-khai/{unitCode}"] = (Who.Anyone, $"/cong-khai/{Province}"),
            ["tra-cuu"] = (Who.Anyone, "/tra-cuu"),
            ["xac-thuc/{id:guid?}"] = (Who.Anyone, "/xac-thuc"),
            ["danh-gia"] = (Who.Anyone, "/danh-gia"),
            ["danh-gia/quay"] = (Who.Anyone, "/danh-gia/quay"),
            ["danh-gia/ket-qua"] = (Who.Anyone, "/danh-gia/ket-qua"),
            ["phan-anh-kien-nghi"] = (Who.Anyone, "/phan-anh-kien-nghi"),
            ["account/login"] = (Who.Anyone, "/account/login"),
            ["account/login-2fa"] = (Who.Anyone, "/account/login-2fa"),
            ["account/register"] = (Who.Anyone, "/account/register"),
            ["account/logout"] = (Who.Anyone, "/account/logout"),
            ["account/access-denied"] = (Who.Citizen, "/account/access-denied"),
            ["account/setup-authenticator"] = (Who.Citizen, "/account/setup-authenticator"),
            ["account/reauthenticate"] = (Who.Administrator, "/account/reauthenticate"),
            ["nop-ho-so/{procedureCode}"] = (Who.Citizen, $"/nop-ho-so/{MaritalStatus}"),
            ["ho-so-cua-toi"] = (Who.Citizen, "/ho-so-cua-toi"),
            ["ho-so-cua-toi/{id:guid}"] = (Who.Citizen, $"/ho-so-cua-toi/{online}"),
            ["tai-khoan/thong-bao"] = (Who.Citizen, "/tai-khoan/thong-bao"),
            ["tai-khoan/phan-anh"] = (Who.Citizen, "/tai-khoan/phan-anh"),
            ["ho-so-cua-toi/{id:guid}/thanh-toan"] = (Who.Citizen, $"/ho-so-cua-toi/{online}/thanh-toan"),
            ["thanh-toan/ket-qua"] = (Who.Anyone, "/thanh-toan/ket-qua"),
            ["backoffice/ho-so/{id:guid}/thu-phi"] = (Who.Administrator, $"/backoffice/ho-so/{dossier}/thu-phi"),
            ["backoffice/thu-phi"] = (Who.Administrator, $"/backoffice/thu-phi?don-vi={unit}&tu=2026-01-01&den=2026-12-31"),
            ["tai-khoan/du-lieu-ca-nhan"] = (Who.Citizen, "/tai-khoan/du-lieu-ca-nhan"),
            ["backoffice"] = (Who.Administrator, "/backoffice"),
            ["backoffice/ho-so"] = (Who.Administrator, "/backoffice/ho-so"),
            ["backoffice/ho-so/{id:guid}"] = (Who.Administrator, $"/backoffice/ho-so/{dossier}"),
            ["backoffice/ho-so/{id:guid}/lich-su"] = (Who.Administrator, $"/backoffice/ho-so/{dossier}/lich-su"),
            ["backoffice/ho-so/{id:guid}/phieu/{form}"] = (Who.Administrator, $"/backoffice/ho-so/{dossier}/phieu/tiep-nhan"),
            ["backoffice/ho-so/{id:guid}/bieu-mau/{form}"] = (Who.Administrator, $"/backoffice/ho-so/{dossier}/bieu-mau/kiem-soat"),
            ["backoffice/tiep-nhan"] = (Who.DeskOfficer, "/backoffice/tiep-nhan"),
            ["backoffice/truc-tuyen"] = (Who.DeskOfficer, "/backoffice/truc-tuyen"),
            ["backoffice/truc-tuyen/{id:guid}"] = (Who.DeskOfficer, $"/backoffice/truc-tuyen/{online}"),
            ["backoffice/units"] = (Who.Administrator, "/backoffice/units"),
            ["backoffice/units/import"] = (Who.Administrator, "/backoffice/units/import"),
            ["backoffice/units/{code}"] = (Who.Administrator, $"/backoffice/units/{Province}"),
            ["backoffice/units/{code}/reorganise"] = (Who.Administrator, $"/backoffice/units/{unit}/reorganise"),
            ["backoffice/staff"] = (Who.Administrator, "/backoffice/staff"),
            ["backoffice/thong-bao"] = (Who.Administrator, "/backoffice/thong-bao"),
            ["backoffice/dong-bo-cong-quoc-gia"] = (Who.Administrator, "/backoffice/dong-bo-cong-quoc-gia"),
            ["backoffice/doi-tac"] = (Who.Administrator, "/backoffice/doi-tac"),
            ["backoffice/doi-tac/nhat-ky"] = (Who.Administrator, "/backoffice/doi-tac/nhat-ky?from=2026-01-01&to=2026-12-31"),
            ["backoffice/calendar/{year:int?}"] = (Who.Administrator, "/backoffice/calendar/2026"),
            ["backoffice/calendar/hours"] = (Who.Administrator, "/backoffice/calendar/hours"),
            ["backoffice/calendar/due"] = (Who.Administrator, "/backoffice/calendar/due"),
            ["backoffice/catalog"] = (Who.Administrator, "/backoffice/catalog"),
            ["backoffice/catalog/new"] = (Who.Administrator, "/backoffice/catalog/new"),
            ["backoffice/catalog/quyet-dinh-cong-bo"] = (Who.Administrator, "/backoffice/catalog/quyet-dinh-cong-bo"),
            ["backoffice/catalog/{code}"] = (Who.Administrator, $"/backoffice/catalog/{MaritalStatus}"),
            ["backoffice/catalog/{code}/versions/{number:int}"] = (Who.Administrator, $"/backoffice/catalog/{MaritalStatus}/versions/1"),
            ["backoffice/catalog/{code}/processes/{unitCode}"] = (Who.Administrator, $"/backoffice/catalog/{MaritalStatus}/processes/{unit}"),
            ["backoffice/thong-ke"] = (Who.Administrator, $"/backoffice/thong-ke?unitCode={Province}&from=2026-01-01&to=2026-12-31"),
            ["backoffice/thong-ke/ho-so"] = (Who.Administrator, $"/backoffice/thong-ke/ho-so?unitCode={Province}&from=2026-01-01&to=2026-12-31&figure=ReceivedNew"),
            ["backoffice/bao-cao/bang-dieu-khien"] = (Who.Administrator, $"/backoffice/bao-cao/bang-dieu-khien?unitCode={Province}&nam=2026"),
            ["backoffice/bao-cao/so-theo-doi"] = (Who.Administrator, $"/backoffice/bao-cao/so-theo-doi?unitCode={unit}&from=2026-01-01&to=2026-01-31"),
            ["backoffice/bao-cao/chi-so-766"] = (Who.Administrator, $"/backoffice/bao-cao/chi-so-766?unitCode={Province}&from=2026-01-01&to=2026-12-31"),
            ["backoffice/giam-sat"] = (Who.Administrator, "/backoffice/giam-sat"),
            ["backoffice/giam-sat/xep-hang-766"] = (Who.Administrator, $"/backoffice/giam-sat/xep-hang-766?unitCode={Province}&nam=2026"),
            ["backoffice/du-lieu-ca-nhan/truy-cap"] = (Who.Administrator, "/backoffice/du-lieu-ca-nhan/truy-cap?from=2026-01-01&to=2026-12-31"),
            ["backoffice/giam-sat/can-bo"] = (Who.Administrator, $"/backoffice/giam-sat/can-bo?unitCode={Province}&nam=2026"),
            ["backoffice/giam-sat/chi-so-cchc"] = (Who.Administrator, "/backoffice/giam-sat/chi-so-cchc"),
            ["backoffice/giam-sat/kiem-tra"] = (Who.Administrator, $"/backoffice/giam-sat/kiem-tra?unitCode={Province}&nam=2026"),
            ["backoffice/giam-sat/chi-so-cchc/{id:int}/{unitCode}"] = (Who.Administrator, $"/backoffice/giam-sat/chi-so-cchc/{par.Id}/{par.Weaker}"),
            ["chi-so-cchc"] = (Who.Anyone, "/chi-so-cchc"),
            ["chi-so-cchc/{id:int}/{unitCode}"] = (Who.Anyone, $"/chi-so-cchc/{par.Id}/{par.Weaker}"),
        };

        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        routes.Where(r => !addresses.ContainsKey(r)).ShouldBeEmpty("pages without an address to open in this test");

        var pages = new Dictionary<Who, IPage>
        {
            [Who.Anyone] = await host.NewPageAsync(),
            [Who.Citizen] = await host.NewPageAsync(),
            [Who.DeskOfficer] = await host.NewPageAsync(),
            [Who.Administrator] = await host.NewPageAsync(),
        };
        await BrowserHost.SignInAsync(pages[Who.Citizen], citizenPhone, citizenPassword);
        await BrowserHost.SignInAsync(pages[Who.DeskOfficer], await host.CreateStaffAsync(StaffRole.DeskOfficer, unit), DemoSeeder.StaffPassword);
        await BrowserHost.SignInAsync(pages[Who.Administrator], "sysadmin", DemoSeeder.StaffPassword);

        var failures = new List<string>();
        foreach (var width in new[] { 390, 1366 })
        {
            foreach (var page in pages.Values)
            {
                await page.SetViewportSizeAsync(width, 800);
            }

            foreach (var route in routes)
            {
                var (who, url) = addresses[route];
                var page = pages[who];
                var response = await page.OpenAsync(url);
                var status = response?.Status ?? 0;
                if (status >= 400 && !(route == "account/access-denied" && status == 403))
                {
                    failures.Add($"{url} as {who}: HTTP {status}");
                }

                var (document, window) = await WidthsAsync(page);
                if (document > window)
                {
                    failures.Add($"{url} at {width} px: the document is {document} px wide");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    /// <summary>The document's width and the window's, once the page has its fonts and layout.</summary>
    private static async Task<(int Document, int Window)> WidthsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<JsonElement>(
            "async () => { await document.fonts.ready; return [document.documentElement.scrollWidth, window.innerWidth]; }");
        return (widths[0].GetInt32(), widths[1].GetInt32());
    }

    /// <summary>A dossier in processing with its history, an online dossier of a citizen who can sign in, and the commune that handles both.</summary>
    private async Task<(Guid Dossier, Guid Online, string Unit, string Phone, string Password)> ArrangeAsync()
    {
        var flow = new WorkflowApiTests(host);
        var (unit, desk, _, _, _) = await flow.ArrangeAsync();
        var (code, _) = await flow.ReceiveAndStartAsync(desk);
        host.Clock.Reset();
        var dossier = host.WithDb(db => db.Dossiers.Single(d => d.Code == code).Id);

        var phone = "09" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string password = "Mật khẩu công dân 2026";
        (await host.Anonymous().PostAsJsonAsync("/api/v1/auth/register", new { phoneOrEmail = phone, fullName = "Trần Thị Mai", password }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var citizen = await host.SignInAsync(phone, password);
        var submitted = await citizen.PostAsync("/api/v1/online-dossiers", OnlineApiTests.Multipart(OnlineApiTests.Body(unit, phone: phone)));
        submitted.StatusCode.ShouldBe(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var online = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (dossier, online, unit, phone, password);
    }
}
