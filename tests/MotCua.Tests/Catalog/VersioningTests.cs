using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Catalog;
using Shouldly;

namespace MotCua.Tests.Catalog;

[Collection(AppCollection.Name)]
public sealed class VersioningTests(MotCuaFactory app)
{
    [Fact]
    public async Task Publishing_an_amendment_ends_the_old_version_the_day_before_and_the_lookup_by_date_returns_the_version_valid_then()
    {
        var admin = await app.SignInAsync("sysadmin");
        var code = CatalogFixtures.UniqueCode();
        await CatalogFixtures.CreateAsync(admin, CatalogFixtures.Procedure(code, "Cấp giấy xác nhận thử"));
        await CatalogFixtures.PublishAsync(admin, code, 1, "2024-01-01");

        (await admin.PostAsync($"/api/v1/catalog/procedures/{code}/amend", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var edit = await admin.PutAsJsonAsync($"/api/v1/catalog/procedures/{code}/versions/2", CatalogFixtures.Procedure(code, "Cấp giấy xác nhận thử (sửa đổi)", amount: 2));
        edit.StatusCode.ShouldBe(HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        await CatalogFixtures.PublishAsync(admin, code, 2, "2025-07-01");

        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/procedures/{code}");
        var versions = detail.GetProperty("versions").EnumerateArray().ToDictionary(v => v.GetProperty("number").GetInt32());
        versions[1].GetProperty("status").GetString().ShouldBe("Superseded");
        versions[1].GetProperty("validTo").GetString().ShouldBe("2025-06-30");
        versions[2].GetProperty("status").GetString().ShouldBe("Published");
        versions[2].GetProperty("validTo").ValueKind.ShouldBe(JsonValueKind.Null);

        using var scope = app.Services.CreateScope();
        var catalog = scope.ServiceProvider.GetRequiredService<IProcedureCatalog>();
        (await catalog.GetVersionValidOnAsync(code, new DateOnly(2023, 12, 31), CancellationToken.None)).ShouldBeNull();
        var old = await catalog.GetVersionValidOnAsync(code, new DateOnly(2025, 6, 30), CancellationToken.None);
        old!.Number.ShouldBe(1);
        old.TimeFor(Channel.Counter)!.Amount.ShouldBe(3);
        old.TimeFor(Channel.Online)!.Channel.ShouldBe(Channel.Counter);
        var current = await catalog.GetVersionValidOnAsync(code, new DateOnly(2025, 7, 1), CancellationToken.None);
        current!.Number.ShouldBe(2);
        current.Name.ShouldBe("Cấp giấy xác nhận thử (sửa đổi)");
        current.Components.Single().Name.ShouldBe("Tờ khai");
        current.Fees.Single().Amount.ShouldBe(8000);

        // The public page shows the version in force today.
        var pub = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/procedures/{code}");
        pub.GetProperty("version").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Published_versions_are_never_edited_and_validity_periods_never_overlap()
    {
        var admin = await app.SignInAsync("sysadmin");
        var code = CatalogFixtures.UniqueCode();
        await CatalogFixtures.CreateAsync(admin, CatalogFixtures.Procedure(code));
        await CatalogFixtures.PublishAsync(admin, code, 1, "2024-01-01");

        var edit = await admin.PutAsJsonAsync($"/api/v1/catalog/procedures/{code}/versions/1", CatalogFixtures.Procedure(code, "Sửa lén"));
        var problem = await edit.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("type").GetString().ShouldEndWith("published-version-immutable");
        problem.GetProperty("detail").GetString()!.ShouldContain("không được sửa");
        var again = await admin.PostAsJsonAsync($"/api/v1/catalog/procedures/{code}/versions/1/publish", new { validFrom = "2024-06-01" });
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        (await admin.PostAsync($"/api/v1/catalog/procedures/{code}/amend", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await admin.PostAsync($"/api/v1/catalog/procedures/{code}/amend", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var overlap = await admin.PostAsJsonAsync($"/api/v1/catalog/procedures/{code}/versions/2/publish", new { validFrom = "2024-01-01" });
        (await overlap.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("type").GetString().ShouldEndWith("validity-overlap");

        (await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/procedures?q={code}")).GetProperty("total").GetInt32().ShouldBe(1);
        var abolish = await admin.PostAsJsonAsync($"/api/v1/catalog/procedures/{code}/abolish", new { effectiveDate = "2025-01-01" });
        abolish.StatusCode.ShouldBe(HttpStatusCode.OK, await abolish.Content.ReadAsStringAsync());
        var abolished = (await abolish.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("number").GetInt32() == 1);
        abolished.GetProperty("status").GetString().ShouldBe("Abolished");
        abolished.GetProperty("validTo").GetString().ShouldBe("2024-12-31");
        await (await app.Anonymous().GetAsync($"/api/v1/procedures/{code}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/procedures?q={code}")).GetProperty("total").GetInt32().ShouldBe(0);
        var reinstateTooEarly = await admin.PostAsJsonAsync($"/api/v1/catalog/procedures/{code}/versions/2/publish", new { validFrom = "2024-12-31" });
        await reinstateTooEarly.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Publishing_needs_a_time_a_component_and_internal_processes_that_fit_the_time()
    {
        var admin = await app.SignInAsync("sysadmin");
        var code = CatalogFixtures.UniqueCode();
        var commune = await app.CreateUnitAsync("000.00.00.H50");
        await CatalogFixtures.CreateAsync(admin, new { code, name = "Thủ tục chưa đủ", level = "Commune", domain = new { code = "HT" } });
        var empty = await admin.PostAsJsonAsync($"/api/v1/catalog/procedures/{code}/versions/1/publish", new { validFrom = "2024-01-01" });
        var errors = (await empty.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.TryGetProperty("times", out _).ShouldBeTrue();
        errors.TryGetProperty("components", out _).ShouldBeTrue();

        // One working day is 8 hours: a 10-hour process does not fit, an 8-hour one does.
        (await admin.PutAsJsonAsync($"/api/v1/catalog/procedures/{code}/versions/1", CatalogFixtures.Procedure(code, amount: 1))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var tooLong = await admin.PutAsJsonAsync($"/api/v1/catalog/procedures/{code}/processes/{commune}", Steps(6, 4));
        (await tooLong.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("steps", out _).ShouldBeTrue();
        var fits = await admin.PutAsJsonAsync($"/api/v1/catalog/procedures/{code}/processes/{commune}", Steps(6, 2));
        fits.StatusCode.ShouldBe(HttpStatusCode.OK, await fits.Content.ReadAsStringAsync());
        await CatalogFixtures.PublishAsync(admin, code, 1, "2024-01-01");

        // An amendment that shortens the time below the process is refused at publication.
        (await admin.PostAsync($"/api/v1/catalog/procedures/{code}/amend", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PutAsJsonAsync($"/api/v1/catalog/procedures/{code}/versions/2", CatalogFixtures.Procedure(code, timeUnit: "WorkingHours", amount: 4))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var shorter = await admin.PostAsJsonAsync($"/api/v1/catalog/procedures/{code}/versions/2/publish", new { validFrom = "2025-01-01" });
        (await shorter.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("process." + commune, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Intake_asks_the_catalog_whether_a_unit_provided_a_procedure_on_a_date()
    {
        using var scope = app.Services.CreateScope();
        var catalog = scope.ServiceProvider.GetRequiredService<IProcedureCatalog>();
        // Gio Linh town provided commune procedures until it merged into the new xã Gio Linh on 1/7/2025.
        (await catalog.IsProvidedByAsync("1.000894", "000.21.12.H50", new DateOnly(2024, 3, 1), CancellationToken.None)).ShouldBeTrue();
        (await catalog.IsProvidedByAsync("1.000894", "000.21.12.H50", new DateOnly(2025, 7, 1), CancellationToken.None)).ShouldBeFalse();
        (await catalog.IsProvidedByAsync("1.000894", "000.00.71.H50", new DateOnly(2025, 7, 1), CancellationToken.None)).ShouldBeTrue();
        // District procedures moved from the district to the new communes.
        (await catalog.IsProvidedByAsync("1.001612", "000.00.12.H50", new DateOnly(2024, 3, 1), CancellationToken.None)).ShouldBeTrue();
        (await catalog.IsProvidedByAsync("1.001612", "000.00.71.H50", new DateOnly(2025, 7, 1), CancellationToken.None)).ShouldBeTrue();
        (await catalog.IsProvidedByAsync("1.001612", "000.21.12.H50", new DateOnly(2024, 3, 1), CancellationToken.None)).ShouldBeFalse();
    }

    internal static object Steps(params decimal[] hours) => new
    {
        steps = hours.Select((h, i) => new { name = "Bước " + (i + 1), role = i == 0 ? "DeskOfficer" : "Specialist", hours = h, interAgency = false }).ToArray(),
    };
}
