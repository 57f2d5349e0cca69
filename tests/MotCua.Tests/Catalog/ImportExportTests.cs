using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Catalog;

[Collection(AppCollection.Name)]
public sealed class ImportExportTests(MotCuaFactory app)
{
    [Fact]
    public async Task An_import_with_bad_rows_writes_nothing_and_reports_each_row()
    {
        var admin = await app.SignInAsync("sysadmin");
        string[] codes = [CatalogFixtures.UniqueCode(), CatalogFixtures.UniqueCode(), CatalogFixtures.UniqueCode(), CatalogFixtures.UniqueCode()];
        var rows = new object[]
        {
            CatalogFixtures.Procedure(codes[0]),
            new { code = codes[1], level = "Commune", domain = new { code = "HT" } },
            new { code = codes[2], name = "Lĩnh vực lạ", level = "Commune", domain = new { code = "KHONG-CO" } },
            CatalogFixtures.Procedure(codes[0], "Trùng mã"),
            CatalogFixtures.Procedure(codes[3], timeUnit: "Fortnights"),
        };
        var response = await admin.PostAsJsonAsync("/api/v1/catalog/import?publishFrom=2024-01-01", rows);
        var errors = (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["rows[2].name", "rows[3].domain", "rows[4].code", "rows[5].times[0].unit"], ignoreOrder: true);
        errors.GetProperty("rows[3].domain")[0].GetString()!.ShouldContain("KHONG-CO");
        app.WithDb(db => db.Procedures.Count(p => codes.Contains(p.Code))).ShouldBe(0);
    }

    [Fact]
    public async Task A_csv_import_publishes_and_the_export_reads_back_in_the_same_shape()
    {
        var admin = await app.SignInAsync("sysadmin");
        var code = CatalogFixtures.UniqueCode();
        var csv = "code,name,level,domainCode,agency,onlineMode,postalIntake,postalReturn,counterAmount,counterUnit,onlineAmount,onlineUnit,cutoff,result,legalBasis,components\r\n"
            + $"{code},\"Chứng thực bản sao, thử\",Commune,CT,UBND cấp xã,Full,true,false,2,WorkingDays,1,WorkingDays,15:00,Bản sao,Nghị định 23/2015/NĐ-CP | Thông tư 01/2020/TT-BTP,Bản chính | Bản sao cần chứng thực\r\n";
        var response = await admin.PostAsync("/api/v1/catalog/import?publishFrom=2024-01-01", new StringContent(csv, Encoding.UTF8, "text/csv"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var published = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/procedures/{code}");
        published.GetProperty("name").GetString().ShouldBe("Chứng thực bản sao, thử");
        published.GetProperty("times").GetArrayLength().ShouldBe(2);
        published.GetProperty("components").GetArrayLength().ShouldBe(2);
        published.GetProperty("postalIntake").GetBoolean().ShouldBeTrue();
        published.GetProperty("postalReturn").GetBoolean().ShouldBeFalse();

        var json = await admin.GetFromJsonAsync<JsonElement>("/api/v1/catalog/export?format=json");
        var row = json.EnumerateArray().Single(p => p.GetProperty("code").GetString() == code);
        row.GetProperty("domain").GetProperty("code").GetString().ShouldBe("CT");
        row.GetProperty("legalBasis").GetArrayLength().ShouldBe(2);
        var text = await admin.GetStringAsync("/api/v1/catalog/export?format=csv");
        text.ShouldContain($"{code},\"Chứng thực bản sao, thử\",Commune,CT");
        json.GetArrayLength().ShouldBeGreaterThanOrEqualTo(40);
    }
}
