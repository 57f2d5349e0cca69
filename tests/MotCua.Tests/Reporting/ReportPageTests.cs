using AngleSharp.Html.Parser;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;

namespace MotCua.Tests.Reporting;

/// <summary>The back-office report page: totals and rows in the vi-VN style, every number a link to the dossiers behind it.</summary>
[Collection(AppCollection.Name)]
public sealed class ReportPageTests(MotCuaFactory app)
{
    [Fact]
    public async Task Each_number_links_to_a_list_as_long_as_the_number()
    {
        var district = await app.CreateUnitAsync("000.00.00.H50", UnitKind.District, "UBND huyện Thử Nghiệm");
        var office = await app.CreateUnitAsync(district, UnitKind.Office, "Phòng Tư pháp huyện Thử Nghiệm");
        var supervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, district));
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, district));
        await ReportConsistencyTests.ImportAsync(admin, new[] { "Online", "Counter", "Postal" }.Select((channel, i) => new
        {
            code = $"PG-{office}-{i}",
            procedureCode = "2.000528",
            unitCode = office,
            channel,
            ownerName = "Lê Văn " + i,
            receivedAt = $"2022-03-0{i + 1}T09:00:00+07:00",
            dueAt = $"2022-03-1{i + 1}T09:00:00+07:00",
            finishedAt = i == 0 ? "2022-03-10T09:00:00+07:00" : null,
        }));

        var html = await supervisor.GetStringAsync($"/backoffice/thong-ke?from=2022-03-01&to=2022-03-31&unitCode={district}&rowsBy=Unit");
        var page = await new HtmlParser().ParseDocumentAsync(html);
        page.QuerySelector("h2")!.TextContent.ShouldBe("UBND huyện Thử Nghiệm, từ 01/03/2022 đến 31/03/2022");
        page.QuerySelectorAll("dd").Select(d => d.TextContent).ShouldContain("33,3%");
        var row = page.QuerySelectorAll("tbody tr").First(r => r.TextContent.Contains(office, StringComparison.Ordinal));
        var received = row.QuerySelectorAll("td a")[1];
        received.TextContent.ShouldBe("3");

        var list = await new HtmlParser().ParseDocumentAsync(await supervisor.GetStringAsync(received.GetAttribute("href")));
        list.QuerySelector("h1")!.TextContent.ShouldBe("Tiếp nhận mới: 3");
        list.QuerySelectorAll("tbody tr").Length.ShouldBe(3);
        list.QuerySelectorAll("tbody td.code").Select(c => c.TextContent).ShouldBe([$"PG-{office}-0", $"PG-{office}-1", $"PG-{office}-2"]);

        // The same selection downloads as a workbook.
        var excel = await supervisor.GetAsync(page.QuerySelector("a[download]")!.GetAttribute("href"));
        excel.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, excel.RequestMessage!.RequestUri!.ToString());
        excel.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        // So does the periodic report of form 06a for the same unit and period: one online, two at the counter or by post.
        var periodic = page.QuerySelectorAll("a[download]")[1].GetAttribute("href")!;
        periodic.ShouldBe($"/api/v1/reports/periodic-tthc.xlsx?from=2022-03-01&to=2022-03-31&unitCode={district}");
        using var book = new Outputs.Workbook(await supervisor.GetByteArrayAsync(periodic));
        var totals = book.RowCount(0);
        book.Text(0, $"B{totals}").ShouldBe("Tổng cộng");
        book.Number(0, $"D{totals}").ShouldBe(1);
        book.Number(0, $"E{totals}").ShouldBe(2);
    }
}
