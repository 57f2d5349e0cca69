using System.Net;
using AngleSharp.Html.Parser;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Ratings;

/// <summary>The public rating pages: the form the return notice links to, and the aggregated results without officers' names.</summary>
[Collection(AppCollection.Name)]
public sealed class RatingPagesTests(MotCuaFactory app)
{
    [Fact]
    public async Task The_notice_link_opens_the_criteria_form_and_the_public_results_show_the_unit_without_officer_names()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var code = await f.ReturnedAsync();
        var citizen = app.Anonymous();

        var form = await new HtmlParser().ParseDocumentAsync(await citizen.GetStringAsync($"/danh-gia?ma={code}&qua=thong-bao"));
        form.QuerySelector("input[name=Code]")!.GetAttribute("value").ShouldBe(code);
        form.QuerySelector("input[name=Via]")!.GetAttribute("value").ShouldBe("link");
        form.QuerySelectorAll("fieldset[data-criterion]").Select(e => e.GetAttribute("data-criterion")).ShouldBe(["overall", "time", "contacts", "agencies", "attitude"]);
        form.QuerySelector("fieldset[data-criterion=overall] legend")!.TextContent.ShouldBe("Mức độ hài lòng chung về việc giải quyết hồ sơ");

        (await RatingFixtures.RateAsync(citizen, code, RatingFixtures.Best)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var today = MotCua.Web.Dossiers.DossierTime.VietnamDate(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var html = await citizen.GetStringAsync($"/danh-gia/ket-qua?don-vi={f.Unit}&tu={today}&den={today}");
        var results = await new HtmlParser().ParseDocumentAsync(html);
        var row = results.QuerySelector($"table[data-results=Unit] tr[data-row='{f.Unit}']").ShouldNotBeNull();
        row.QuerySelector("td[data-share]")!.TextContent.ShouldBe("100%");
        html.ShouldNotContain(f.DeskOfficerName);
        (await citizen.GetAsync($"/danh-gia/ket-qua?don-vi={f.Unit}&tu={today}&den=2020-01-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
