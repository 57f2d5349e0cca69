using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class UnitsApiTests(MotCuaFactory app)
{
    private const string Province = "000.00.00.H50";
    private const string GioLinh = "000.00.12.H50";

    [Fact]
    public async Task Create_read_and_update_a_commune_records_each_change_in_its_history()
    {
        var admin = await app.SignInAsync("giolinh.quantri");
        var code = MotCuaFactory.UniqueCode();

        var created = await admin.PostAsJsonAsync("/api/v1/units", new { code, name = "Xã Gio Thử", kind = "Commune", parentCode = GioLinh, validFrom = "2020-01-01" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/units/{code}");
        read.GetProperty("unit").GetProperty("parentCode").GetString().ShouldBe(GioLinh);
        read.GetProperty("unit").GetProperty("level").GetString().ShouldBe("District");
        var version = read.GetProperty("version").GetInt32();

        var updated = await admin.PutAsJsonAsync($"/api/v1/units/{code}", new { name = "Xã Gio Thử Mới", kind = "Commune", validFrom = "2020-01-01", version });
        updated.StatusCode.ShouldBe(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());

        var stale = await admin.PutAsJsonAsync($"/api/v1/units/{code}", new { name = "Ghi đè", kind = "Commune", validFrom = "2020-01-01", version });
        await stale.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var history = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/units/{code}")).GetProperty("history").EnumerateArray().ToList();
        history.Select(h => h.GetProperty("action").GetString()).ShouldBe(["unit.created", "unit.updated"]);
        history.ShouldAllBe(h => h.GetProperty("actor").GetString()!.Contains("Gio Linh") && h.GetProperty("role").GetString() == "UnitAdmin");
    }

    [Fact]
    public async Task Merging_communes_closes_the_old_one_and_links_it_to_its_successor()
    {
        var admin = await app.SignInAsync("sysadmin");
        var oldCommune = await app.CreateUnitAsync(GioLinh);
        var newCommune = await app.CreateUnitAsync(Province);

        var merged = await admin.PostAsJsonAsync($"/api/v1/units/{oldCommune}/merge", new { successorCode = newCommune, effectiveDate = "2025-07-01" });
        merged.StatusCode.ShouldBe(HttpStatusCode.OK, await merged.Content.ReadAsStringAsync());

        var old = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/units/{oldCommune}");
        old.GetProperty("unit").GetProperty("validTo").GetString().ShouldBe("2025-06-30");
        old.GetProperty("unit").GetProperty("successorCode").GetString().ShouldBe(newCommune);
        var successor = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/units/{newCommune}");
        successor.GetProperty("predecessors").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ShouldBe([oldCommune]);
        successor.GetProperty("history").EnumerateArray().Last().GetProperty("action").GetString().ShouldBe("unit.absorbed");

        // Today's tree hides it; the tree as of 2024 still shows it.
        var today = await admin.GetFromJsonAsync<JsonElement>("/api/v1/units");
        today.EnumerateArray().ShouldNotContain(u => u.GetProperty("code").GetString() == oldCommune);
        var in2024 = await admin.GetFromJsonAsync<JsonElement>("/api/v1/units?asOf=2024-06-01");
        in2024.EnumerateArray().ShouldContain(u => u.GetProperty("code").GetString() == oldCommune);

        var again = await admin.PostAsJsonAsync($"/api/v1/units/{oldCommune}/merge", new { successorCode = newCommune, effectiveDate = "2025-07-01" });
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Demo_data_holds_both_eras_of_Quang_Tri()
    {
        var admin = await app.SignInAsync("sysadmin");
        var in2023 = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/units?asOf=2023-06-01")).EnumerateArray().ToList();
        in2023.ShouldContain(u => u.GetProperty("name").GetString() == "UBND huyện Gio Linh");
        in2023.ShouldContain(u => u.GetProperty("name").GetString() == "UBND huyện Triệu Phong");
        var now = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/units")).EnumerateArray().ToList();
        now.ShouldNotContain(u => u.GetProperty("name").GetString() == "UBND huyện Gio Linh" || u.GetProperty("name").GetString() == "UBND huyện Triệu Phong");
        now.Count(u => u.GetProperty("kind").GetString() == "Commune" && u.GetProperty("parentCode").GetString() == Province).ShouldBeGreaterThanOrEqualTo(4);
        var gioLinh = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/units/{GioLinh}");
        gioLinh.GetProperty("unit").GetProperty("successorCode").GetString().ShouldBe(Province);
    }

    [Fact]
    public async Task Import_is_all_or_nothing_and_reports_each_bad_row()
    {
        var admin = await app.SignInAsync("sysadmin");
        var good = MotCuaFactory.UniqueCode();
        var csv = "code,name,kind,level,parentCode,validFrom,validTo,successorCode\r\n" +
                  $"{good},\"Xã Tốt, thôn 1\",Commune,Commune,{GioLinh},2020-01-01,,\r\n" +
                  $"{MotCuaFactory.UniqueCode()},,Commune,Commune,{GioLinh},2020-01-01,,\r\n" +
                  $"bad-code,Xã Sai Mã,Commune,Commune,{GioLinh},2020-01-01,,\r\n" +
                  $"{MotCuaFactory.UniqueCode()},Xã Không Cha,Village,Commune,999.99.99.T99,2020-13-01,,\r\n";

        var response = await admin.PostAsync("/api/v1/units/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty("rows[2].name", out _).ShouldBeTrue();
        errors.TryGetProperty("rows[3].code", out _).ShouldBeTrue();
        errors.TryGetProperty("rows[4].kind", out _).ShouldBeTrue();
        errors.TryGetProperty("rows[4].parentCode", out _).ShouldBeTrue();
        errors.TryGetProperty("rows[4].validFrom", out _).ShouldBeTrue();
        errors.GetProperty("rows[2].name")[0].GetString().ShouldBe("Trường này là bắt buộc.");
        (await admin.GetAsync($"/api/v1/units/{good}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Export_then_import_round_trips_units_through_csv_and_json()
    {
        var admin = await app.SignInAsync("sysadmin");
        var parent = MotCuaFactory.UniqueCode();
        var child = MotCuaFactory.UniqueCode();
        var json = JsonSerializer.Serialize(new object[]
        {
            new { code = parent, name = "Huyện Nhập", kind = "District", level = "District", parentCode = Province, validFrom = "2000-01-01", validTo = "2025-06-30", successorCode = Province },
            new { code = child, name = "Phòng Tư pháp huyện Nhập", kind = "Office", parentCode = parent, validFrom = "2000-01-01" },
        });
        var imported = await admin.PostAsync("/api/v1/units/import", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32().ShouldBe(2);

        var csv = await admin.GetStringAsync("/api/v1/units/export?format=csv");
        csv.ShouldContain($"{parent},Huyện Nhập,District,District,{Province},2000-01-01,2025-06-30,{Province}");
        csv.ShouldContain($"{child},Phòng Tư pháp huyện Nhập,Office,District,{parent},2000-01-01,,");
        var exported = await admin.GetFromJsonAsync<JsonElement>("/api/v1/units/export?format=json");
        exported.EnumerateArray().ShouldContain(u => u.GetProperty("code").GetString() == child && u.GetProperty("parentCode").GetString() == parent);
    }
}
