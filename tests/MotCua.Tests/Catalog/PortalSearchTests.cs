using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Catalog;

[Collection(AppCollection.Name)]
public sealed class PortalSearchTests(MotCuaFactory app)
{
    [Theory]
    [InlineData("dang ky khai sinh")]
    [InlineData("ĐĂNG KÝ KHAI SINH")]
    [InlineData("Đăng   ký khai sinh")]
    public async Task The_search_ignores_case_and_diacritics(string q)
    {
        var result = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/procedures?q=" + Uri.EscapeDataString(q));
        result.GetProperty("items")[0].GetProperty("name").GetString().ShouldBe("Thủ tục đăng ký khai sinh");
    }

    [Fact]
    public async Task Name_matches_come_before_matches_in_other_fields()
    {
        var admin = await app.SignInAsync("sysadmin");
        var word = CatalogFixtures.UniqueWord();
        var inAgency = CatalogFixtures.UniqueCode();
        var inName = CatalogFixtures.UniqueCode();
        await CatalogFixtures.CreateAsync(admin, CatalogFixtures.Procedure(inAgency, "Giấy xác nhận thường trú", agency: "Bộ phận đăng ký " + word));
        await CatalogFixtures.CreateAsync(admin, CatalogFixtures.Procedure(inName, "Đăng ký " + word + " đặc biệt"));
        await CatalogFixtures.PublishAsync(admin, inAgency, 1, "2024-01-01");
        await CatalogFixtures.PublishAsync(admin, inName, 1, "2024-01-01");

        var result = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/procedures?q=dang+ky+{word}");
        result.GetProperty("total").GetInt32().ShouldBe(2);
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ShouldBe([inName, inAgency]);

        // Drafts never show.
        var draft = CatalogFixtures.UniqueCode();
        await CatalogFixtures.CreateAsync(admin, CatalogFixtures.Procedure(draft, "Đăng ký " + word + " nháp"));
        (await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/procedures?q={word}")).GetProperty("total").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task The_search_follows_a_renamed_domain()
    {
        var admin = await app.SignInAsync("sysadmin");
        var domain = "T" + Guid.NewGuid().ToString("N")[..8];
        var word = CatalogFixtures.UniqueWord();
        (await admin.PutAsJsonAsync($"/api/v1/catalog/domains/{domain}", new { name = "Lĩnh vực tạm" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var code = CatalogFixtures.UniqueCode();
        await CatalogFixtures.CreateAsync(admin, new
        {
            code,
            name = "Thủ tục " + word,
            level = "Commune",
            domain = new { code = domain },
            times = new[] { new { channel = "Counter", amount = 1, unit = "WorkingDays" } },
            components = new[] { new { name = "Đơn" } },
        });
        await CatalogFixtures.PublishAsync(admin, code, 1, "2024-01-01");
        (await admin.PutAsJsonAsync($"/api/v1/catalog/domains/{domain}", new { name = "Quản lý " + word + " cảng cá" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var result = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/procedures?q=quan+ly+cang+ca+" + word);
        result.GetProperty("items").EnumerateArray().Single().GetProperty("domainName").GetString().ShouldBe("Quản lý " + word + " cảng cá");
    }

    [Fact]
    public async Task Filters_narrow_the_results_and_pages_follow_each_other()
    {
        var anonymous = app.Anonymous();
        var commune = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/procedures?level=commune&domain=HT&online=Full");
        commune.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("level").GetString() == "Commune" && i.GetProperty("domainCode").GetString() == "HT"
            && i.GetProperty("onlineMode").GetString() == "Full");
        commune.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);

        var byUnit = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/procedures?unitCode=000.00.00.H50");
        byUnit.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("level").GetString() == "Province");

        var first = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/procedures?page=1");
        var second = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/procedures?page=2");
        var codes = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("code").GetString()).ToList();
        codes.Count.ShouldBe(40);
        codes.Distinct().Count().ShouldBe(40);
    }

    [Theory]
    [InlineData("level=Village")]
    [InlineData("online=maybe")]
    [InlineData("online=1")]
    [InlineData("page=0")]
    [InlineData("page=abc")]
    [InlineData("page=99999999999")]
    public async Task Bad_query_values_get_a_400_problem(string query)
    {
        var response = await app.Anonymous().GetAsync("/api/v1/procedures?" + query);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Count().ShouldBe(1);
    }

    [Fact]
    public async Task A_long_query_gets_a_400_and_an_unknown_code_a_404()
    {
        await (await app.Anonymous().GetAsync("/api/v1/procedures?q=" + new string('a', 201))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await app.Anonymous().GetAsync("/api/v1/procedures/9.999999")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_demo_catalog_holds_real_procedures_across_domains_with_downloadable_forms()
    {
        var anonymous = app.Anonymous();
        var all = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/procedures");
        all.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(40);
        var domains = await anonymous.GetStringAsync("/thu-tuc");
        domains.ShouldContain("Hộ tịch");

        var marriage = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/procedures/1.000894");
        marriage.GetProperty("name").GetString().ShouldBe("Thủ tục đăng ký kết hôn");
        marriage.GetProperty("providers").EnumerateArray().ShouldContain(p => p.GetProperty("code").GetString() == "000.00.71.H50");
        var url = marriage.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("formUrl")).First(u => u.ValueKind == JsonValueKind.String).GetString()!;
        var form = await anonymous.GetAsync(url);
        form.StatusCode.ShouldBe(HttpStatusCode.OK);
        form.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        form.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("To-khai-dang-ky-ket-hon.html");
        (await form.Content.ReadAsStringAsync()).ShouldContain("Tờ khai đăng ký kết hôn");
    }

    [Fact]
    public async Task Every_page_links_to_tracking_and_the_check_value_is_typed_in_plain_sight()
    {
        foreach (var path in new[] { "/", "/thu-tuc" })
        {
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await app.Anonymous().GetStringAsync(path));
            page.QuerySelector("nav a[href='/tra-cuu']")!.TextContent.ShouldBe("Tra cứu hồ sơ", path);
        }

        // The check value is the last digits of a phone or ID number, or the secret printed on the slip: the citizen reads it off
        // the paper and must see what is typed. It stays out of the browser's form history.
        var track = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await app.Anonymous().GetStringAsync("/tra-cuu"));
        var check = track.QuerySelector("input[name='Check']")!;
        check.GetAttribute("type").ShouldBe("text");
        check.GetAttribute("autocomplete").ShouldBe("off");
    }

    [Fact]
    public async Task The_unit_listing_counts_procedures_in_total_and_offered_online()
    {
        var html = await app.Anonymous().GetStringAsync("/don-vi/000.00.71.H50/thu-tuc");
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        doc.QuerySelector("h1")!.TextContent.ShouldBe("Thủ tục hành chính thực hiện tại UBND xã Gio Linh");
        var figures = doc.QuerySelectorAll(".stat .figure").Select(f => int.Parse(f.TextContent, System.Globalization.CultureInfo.GetCultureInfo("vi-VN"))).ToList();
        figures.Count.ShouldBe(3);
        figures[0].ShouldBeGreaterThanOrEqualTo(40);
        (figures[1] + figures[2]).ShouldBeLessThanOrEqualTo(figures[0]);
        doc.QuerySelectorAll("tbody tr").Length.ShouldBe(figures[0]);
        (await app.Anonymous().GetAsync("/don-vi/000.00.12.H50/thu-tuc")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
