using AngleSharp.Html.Parser;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;

namespace MotCua.Tests.Reporting;

/// <summary>Staff choose the unit of a report by its name, among the units they may see, instead of typing its code.</summary>
[Collection(AppCollection.Name)]
public sealed class UnitPickerTests(MotCuaFactory app)
{
    [Fact]
    public async Task The_report_pages_list_the_units_the_officer_may_see_by_name_and_a_typed_name_finds_its_unit()
    {
        var tag = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var district = await app.CreateUnitAsync("000.00.00.H50", UnitKind.District, "UBND huyện Chọn Tên " + tag);
        var commune = await app.CreateUnitAsync(district, UnitKind.Commune, "UBND xã Đông Chọn Tên " + tag);
        var supervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, district));

        foreach (var path in new[] { "/backoffice/thong-ke", "/backoffice/bao-cao/bang-dieu-khien", "/backoffice/bao-cao/so-theo-doi", "/backoffice/bao-cao/chi-so-766" })
        {
            var page = new HtmlParser().ParseDocument(await supervisor.GetStringAsync(path));
            page.QuerySelector("#unitCode")!.GetAttribute("list").ShouldBe("unit-options");
            page.QuerySelectorAll("#unit-options option").Select(o => o.GetAttribute("value"))
                .ShouldBe([$"UBND huyện Chọn Tên {tag} ({district})", $"UBND xã Đông Chọn Tên {tag} ({commune})"], path);
        }

        // Typed without diacritics, part of the name, as the officer would: one unit matches.
        var found = new HtmlParser().ParseDocument(await supervisor.GetStringAsync($"/backoffice/thong-ke?unitCode=xa+dong+chon+ten+{tag}&from=2026-01-01&to=2026-01-31"));
        found.QuerySelector("#unitCode")!.GetAttribute("value").ShouldBe($"UBND xã Đông Chọn Tên {tag} ({commune})");
        found.QuerySelector("h2")!.TextContent.ShouldStartWith($"UBND xã Đông Chọn Tên {tag},");
        // The choice from the list, and the bare code, work the same.
        var picked = new HtmlParser().ParseDocument(await supervisor.GetStringAsync(
            $"/backoffice/bao-cao/chi-so-766?unitCode={Uri.EscapeDataString($"UBND huyện Chọn Tên {tag} ({district})")}"));
        picked.QuerySelector("#total")!.TextContent.ShouldBe($"UBND huyện Chọn Tên {tag}");
        picked.QuerySelector("main")!.TextContent.ShouldNotContain("MotCua:");
    }
}
