using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Dossiers;
using Shouldly;

namespace MotCua.Tests.Catalog;

/// <summary>
/// The clock rules of a procedure (what a supplement does to the clock, whether the time to pay counts) are catalog data:
/// the import reads them, both exports write them, and the edit page sets them on a draft.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ClockRulesTests(MotCuaFactory app)
{
    [Fact]
    public async Task Clock_rules_travel_through_the_csv_import_and_both_exports_and_a_bad_rule_is_a_field_error()
    {
        var admin = await app.SignInAsync("sysadmin");
        var code = CatalogFixtures.UniqueCode();
        var csv = "code,name,level,domainCode,counterAmount,counterUnit,components,supplementRule,paymentTimeCounts\r\n"
            + $"{code},Đăng ký biến động đất đai thử,Commune,HT,10,WorkingDays,Đơn đăng ký,Pause,true\r\n";
        var imported = await admin.PostAsync("/api/v1/catalog/import?publishFrom=2024-01-01", new StringContent(csv, Encoding.UTF8, "text/csv"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        app.WithDb(db => db.ProcedureVersions.Where(v => v.Procedure!.Code == code).Select(v => new { v.SupplementRule, v.PaymentTimeCounts }).Single())
            .ShouldBe(new { SupplementRule = SupplementRule.Pause, PaymentTimeCounts = true });

        var json = await admin.GetFromJsonAsync<JsonElement>("/api/v1/catalog/export?format=json");
        var row = json.EnumerateArray().Single(p => p.GetProperty("code").GetString() == code);
        row.GetProperty("supplementRule").GetString().ShouldBe("Pause");
        row.GetProperty("paymentTimeCounts").GetBoolean().ShouldBeTrue();
        var lines = (await admin.GetStringAsync("/api/v1/catalog/export?format=csv")).Split("\r\n");
        lines[0].ShouldEndWith(",supplementRule,paymentTimeCounts");
        lines.Single(l => l.StartsWith(code + ",", StringComparison.Ordinal)).ShouldEndWith(",Pause,true");

        // A procedure that says nothing gets the common rule: restart, and the time to pay does not count.
        var plain = CatalogFixtures.UniqueCode();
        var bad = CatalogFixtures.UniqueCode();
        var rows = new object[] { CatalogFixtures.Procedure(plain), CatalogFixtures.Procedure(bad, supplementRule: "Later") };
        var refused = await admin.PostAsJsonAsync("/api/v1/catalog/import?publishFrom=2024-01-01", rows);
        var errors = (await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["rows[2].supplementRule"]);
        (await admin.PostAsJsonAsync("/api/v1/catalog/import?publishFrom=2024-01-01", rows[..1])).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.WithDb(db => db.ProcedureVersions.Where(v => v.Procedure!.Code == plain).Select(v => new { v.SupplementRule, v.PaymentTimeCounts }).Single())
            .ShouldBe(new { SupplementRule = SupplementRule.Restart, PaymentTimeCounts = false });
    }

    [Fact]
    public async Task The_edit_page_sets_the_clock_rules_of_a_draft()
    {
        var admin = await app.SignInAsync("sysadmin");
        var code = CatalogFixtures.UniqueCode();
        await CatalogFixtures.CreateAsync(admin, CatalogFixtures.Procedure(code));
        var page = await new HtmlParser().ParseDocumentAsync(await admin.GetStringAsync($"/backoffice/catalog/{code}/versions/1"));
        var form = (IHtmlFormElement)page.QuerySelector("form.card")!;
        ((IHtmlSelectElement)form.QuerySelector("select[name='Form.SupplementRule']")!).Value.ShouldBe("Restart");

        var fields = Fields(form);
        fields.RemoveAll(f => f.Key == "Form.SupplementRule");
        fields.Add(new("Form.SupplementRule", "Pause"));
        fields.Add(new("Form.PaymentTimeCounts", "true"));
        var posted = await admin.PostAsync($"/backoffice/catalog/{code}/versions/1", new FormUrlEncodedContent(fields));
        var body = await posted.Content.ReadAsStringAsync();
        posted.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var saved = await new HtmlParser().ParseDocumentAsync(body);
        saved.QuerySelector("[role=status]")!.TextContent.ShouldBe("Đã lưu bản nháp.");
        ((IHtmlSelectElement)saved.QuerySelector("select[name='Form.SupplementRule']")!).Value.ShouldBe("Pause");
        ((IHtmlInputElement)saved.QuerySelector("input[name='Form.PaymentTimeCounts']")!).IsChecked.ShouldBeTrue();
        saved.QuerySelector("label[for=supplement-rule]")!.TextContent.ShouldBe("Thời hạn giải quyết sau khi bổ sung hồ sơ");
    }

    /// <summary>What the browser would send for the form as it stands: unchecked boxes are left out.</summary>
    private static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" } box when !box.IsChecked:
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(select.Name!, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(area.Name!, area.Value));
                    break;
            }
        }

        return fields;
    }
}
