using System.Net;
using System.Net.Http.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Catalog;

[Collection(AppCollection.Name)]
public sealed class CatalogAuthorizationTests(MotCuaFactory app)
{
    private const string Province = "000.00.00.H50";

    [Fact]
    public async Task A_commune_admin_edits_its_own_process_but_not_another_communes()
    {
        var communeA = await app.CreateUnitAsync(Province);
        var communeB = await app.CreateUnitAsync(Province);
        var adminA = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, communeA));

        var own = await adminA.PutAsJsonAsync($"/api/v1/catalog/procedures/1.000894/processes/{communeA}", VersioningTests.Steps(2, 4));
        own.StatusCode.ShouldBe(HttpStatusCode.OK, await own.Content.ReadAsStringAsync());
        var other = await adminA.PutAsJsonAsync($"/api/v1/catalog/procedures/1.000894/processes/{communeB}", VersioningTests.Steps(2, 4));
        await other.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await adminA.PutAsync($"/api/v1/catalog/procedures/1.000894/providers/{communeB}", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await adminA.PutAsync($"/api/v1/catalog/procedures/1.000894/providers/{communeA}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        app.WithDb(db => db.ProcessDefinitions.Count(p => p.Unit!.Code == communeB)).ShouldBe(0);

        // The province publishes the catalog: a commune admin cannot amend it.
        await (await adminA.PostAsync("/api/v1/catalog/procedures/1.000894/amend", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_public_reads_but_only_administrators_write()
    {
        var anonymous = app.Anonymous();
        (await anonymous.GetAsync("/api/v1/procedures")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/thu-tuc/1.001193")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await anonymous.PostAsJsonAsync("/api/v1/catalog/procedures", CatalogFixtures.Procedure(CatalogFixtures.UniqueCode()))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var desk = await app.SignInAsync("giolinh.motcua");
        await (await desk.PostAsJsonAsync("/api/v1/catalog/procedures", CatalogFixtures.Procedure(CatalogFixtures.UniqueCode()))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await desk.GetAsync("/api/v1/catalog/procedures/1.001193")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await anonymous.GetAsync("/backoffice/catalog");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
