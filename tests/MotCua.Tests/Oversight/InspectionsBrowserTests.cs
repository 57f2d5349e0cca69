using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;

namespace MotCua.Tests.Oversight;

/// <summary>
/// The inspection page's forms in real Chromium: a province's supervisor issues last year's plan for 8 of its 12 districts, records two rounds
/// covering 6 of them, a finding (refused first for its missing note), two corrections and the follow-up of one; a stale form is refused with
/// 409, and a desk officer sees the figures but no form and is refused a forged post.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InspectionsBrowserTests(BrowserHost host)
{
    private const string Path = "/backoffice/giam-sat/kiem-tra";
    private const string Api = "/api/v1/oversight/inspections";

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime);

    // Last year's plan: its rounds are past, so a correction due in it is overdue whatever today is.
    private static int Year => Today.Year - 1;

    [Fact]
    public async Task A_supervisor_works_the_plan_through_the_forms_and_the_page_shows_the_figures_with_the_overdue_correction_highlighted()
    {
        var (province, _, districts) = await ArrangeAsync();
        var page = await host.NewPageAsync();
        await BrowserHost.SignInAsync(page, await host.CreateStaffAsync(StaffRole.Supervisor, province), DemoSeeder.StaffPassword);
        await page.OpenAsync($"{Path}?unitCode={province}&nam={Year}");
        (await page.Locator(".no-plan").InnerTextAsync()).ShouldBe("Chưa có kế hoạch kiểm tra của năm này.");

        var planForm = Form(page, "Ban hành kế hoạch");
        (await planForm.Locator("input[type=checkbox]").CountAsync()).ShouldBe(12);
        foreach (var district in districts[..8])
        {
            await planForm.GetByLabel(district, new() { Exact = true }).CheckAsync();
        }

        await SubmitAsync(page, planForm, 200);
        await Summary(page, "0 đợt, 0/12 đơn vị").WaitForAsync();

        await AddRoundAsync(page, "Theo kế hoạch", "05-12", "Nguyễn Văn An", districts[..4], "Niêm yết công khai thủ tục hành chính\nTrả kết quả đúng hạn");
        await Summary(page, "1 đợt, 4/12 đơn vị").WaitForAsync();
        await AddRoundAsync(page, "Đột xuất", "10-20", "Trần Thị Bình", districts[3..6], "Số hóa kết quả giải quyết");
        await Summary(page, "2 đợt, 6/12 đơn vị").WaitForAsync();
        var rounds = page.Locator(".inspection-round");
        (await rounds.Locator("h2").AllInnerTextsAsync()).ShouldBe([
            $"Đợt kiểm tra 12/05/{Year} — Theo kế hoạch", $"Đợt kiểm tra 20/10/{Year} — Đột xuất"]);
        (await rounds.First.Locator(".inspection-checklist li").AllInnerTextsAsync()).ShouldBe(["Niêm yết công khai thủ tục hành chính", "Trả kết quả đúng hạn"]);

        // A failed item without its note is refused on the page, in Vietnamese, and the form keeps what was chosen.
        var finding = rounds.First.Locator("details.inspection-finding-form");
        await finding.Locator("summary").ClickAsync();
        await finding.GetByLabel("Đơn vị").SelectOptionAsync(new SelectOptionValue { Label = districts[1] });
        await finding.GetByLabel("Nội dung").SelectOptionAsync("Trả kết quả đúng hạn");
        await finding.GetByLabel("Không đạt").CheckAsync();
        await SubmitAsync(page, finding.Locator("form"), 400);
        finding = page.Locator(".inspection-round").First.Locator("details.inspection-finding-form");
        (await finding.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("Ghi chú: Nội dung không đạt cần ghi rõ tồn tại, hạn chế.");
        (await finding.GetByLabel("Không đạt").IsCheckedAsync()).ShouldBeTrue();
        (await finding.GetByLabel("Nội dung").InputValueAsync()).ShouldBe("Trả kết quả đúng hạn");
        await finding.GetByLabel("Ghi chú").FillAsync("12 hồ sơ trễ hạn không có văn bản xin lỗi");
        await SubmitAsync(page, finding.Locator("form"), 200);
        var row = page.Locator(".inspection-findings tr[data-finding]");
        (await row.InnerTextAsync()).ShouldContain("Không đạt");
        (await page.Locator(".inspection-failed").InnerTextAsync()).ShouldBe("Nội dung không đạt: 1");

        // One correction due last June (overdue now), one due in a month, which is then done.
        await RequireAsync(page, 0, districts[1], "Gửi văn bản xin lỗi 12 người dân", $"{Year}-06-30");
        await page.Locator("tr[data-state=Overdue]").WaitForAsync();
        var dueLater = Today.AddDays(30);
        await RequireAsync(page, 1, districts[5], "Số hóa kết quả giải quyết", dueLater.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var open = page.Locator("tr[data-state=Open]");
        await open.GetByLabel("Kết quả khắc phục").FillAsync("Đã số hóa toàn bộ kết quả");
        await SubmitAsync(page, open.Locator("form"), 200);

        await Summary(page, "2 đợt, 6/12 đơn vị").WaitForAsync();
        (await page.Locator(".inspection-corrections").InnerTextAsync()).ShouldBe("Yêu cầu khắc phục: 0 đang thực hiện, 1 quá hạn, 1 đã xong (1 đúng hạn)");
        var overdue = page.Locator("tr[data-state=Overdue]");
        (await overdue.GetAttributeAsync("class")).ShouldBe("error");
        (await overdue.InnerTextAsync()).ShouldContain($"30/06/{Year}");
        (await overdue.Locator("strong").InnerTextAsync()).ShouldBe("Quá hạn");
        var done = await page.Locator("tr[data-state=Done]").InnerTextAsync();
        done.ShouldContain($"Ngày khắc phục xong: {Today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}.");
        done.ShouldContain("Đã số hóa toàn bộ kết quả");
        done.ShouldNotContain("Khắc phục sau thời hạn.");

        // The forms wrote through the API's handlers: the same history, by the supervisor.
        var history = host.WithDb(db => db.AuditEvents.Where(e => e.StreamId == $"InspectionPlan:{province}:{Year}").OrderBy(e => e.Sequence)
            .Select(e => new { e.Action, e.ActorRole }).ToList());
        history.Select(e => e.Action).ShouldBe([
            "oversight.inspection-plan.created", "oversight.inspection-round.added", "oversight.inspection-round.added",
            "oversight.inspection-finding.recorded", "oversight.inspection-correction.required", "oversight.inspection-correction.required",
            "oversight.inspection-correction.done"]);
        history.ShouldAllBe(e => e.ActorRole == "Supervisor");
    }

    [Fact]
    public async Task A_form_loaded_before_another_change_is_refused_with_409_in_Vietnamese_and_records_nothing()
    {
        var (province, codes, _) = await ArrangeAsync();
        var supervisor = await host.CreateStaffAsync(StaffRole.Supervisor, province);
        var id = await PlanWithRoundAsync(await host.SignInAsync(supervisor), province, codes);
        var first = await host.NewPageAsync();
        await BrowserHost.SignInAsync(first, supervisor, DemoSeeder.StaffPassword);
        var second = await first.Context.NewPageAsync();
        foreach (var page in new[] { first, second })
        {
            await page.OpenAsync($"{Path}?unitCode={province}&nam={Year}");
            await page.Locator("details.inspection-correction-form summary").ClickAsync();
        }

        var stale = Form(second, "Ghi yêu cầu khắc phục");
        await stale.GetByLabel("Yêu cầu").FillAsync("Cập nhật bảng niêm yết");
        await stale.GetByLabel("Hạn khắc phục").FillAsync($"{Year}-12-15");

        var fresh = Form(first, "Ghi yêu cầu khắc phục");
        await fresh.GetByLabel("Yêu cầu").FillAsync("Niêm yết đủ thủ tục");
        await fresh.GetByLabel("Hạn khắc phục").FillAsync($"{Year}-12-01");
        await SubmitAsync(first, fresh, 200);

        await SubmitAsync(second, stale, 409);
        (await second.Locator("details.inspection-correction-form").GetByRole(AriaRole.Alert).InnerTextAsync())
            .ShouldContain("Dữ liệu vừa được người khác thay đổi. Vui lòng tải lại và thực hiện lại.");
        (await Form(second, "Ghi yêu cầu khắc phục").GetByLabel("Yêu cầu").InputValueAsync()).ShouldBe("Cập nhật bảng niêm yết");
        (await second.Locator("tr[data-correction]").AllInnerTextsAsync()).ShouldHaveSingleItem().ShouldContain("Niêm yết đủ thủ tục");
        host.WithDb(db => db.InspectionCorrections.Count(c => db.InspectionRounds.Any(r => r.Id == c.RoundId && r.PlanId == id))).ShouldBe(1);

        // The page shown after the refusal carries the new version: the same form now goes through.
        await SubmitAsync(second, Form(second, "Ghi yêu cầu khắc phục"), 200);
        await second.Locator("tr[data-correction]", new() { HasText = "Cập nhật bảng niêm yết" }).WaitForAsync();
    }

    [Fact]
    public async Task A_desk_officer_sees_the_figures_but_no_form_and_a_forged_post_is_refused()
    {
        var (province, codes, _) = await ArrangeAsync();
        var id = await PlanWithRoundAsync(await host.SignInAsync(await host.CreateStaffAsync(StaffRole.Supervisor, province)), province, codes);
        var page = await host.NewPageAsync();
        await BrowserHost.SignInAsync(page, await host.CreateStaffAsync(StaffRole.DeskOfficer, province), DemoSeeder.StaffPassword);
        await page.OpenAsync($"{Path}?unitCode={province}&nam={Year}");

        (await Summary(page, "1 đợt, 2/12 đơn vị").CountAsync()).ShouldBe(1);
        (await page.Locator("main form[method=post]").CountAsync()).ShouldBe(0);

        // The handler refuses the desk officer even when the post is made by hand, with the user's own antiforgery token.
        // The page itself has no post form; the public tracking page's form gives the user's token.
        var token = await page.EvaluateAsync<string>("""
            fetch('/tra-cuu').then(r => r.text())
                .then(html => new DOMParser().parseFromString(html, 'text/html').querySelector('input[name=__RequestVerificationToken]').value)
            """);
        var status = await page.EvaluateAsync<int>("""
            ([url, token]) => fetch(url, { method: 'POST', body: new URLSearchParams({ __RequestVerificationToken: token, Version: '2',
                Kind: 'Scheduled', Date: '2025-04-01', TeamLead: 'Phạm Duy', Units: '' }) }).then(r => r.status)
            """, new object[] { $"{Path}?handler=Round&id={id}", token });
        status.ShouldBe(403);
        host.WithDb(db => db.InspectionPlans.Where(p => p.Id == id).Select(p => p.Version).Single()).ShouldBe(2);
    }

    /// <summary>A new province with 12 districts: their codes and names.</summary>
    private async Task<(string Province, string[] Codes, string[] Names)> ArrangeAsync()
    {
        var province = await host.CreateUnitAsync(null, UnitKind.Province);
        var names = Enumerable.Range(0, 12).Select(i => "Huyện Kiểm Tra " + (char)('A' + i)).ToArray();
        var codes = new string[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            codes[i] = await host.CreateUnitAsync(province, UnitKind.District, names[i]);
        }

        return (province, codes, names);
    }

    /// <summary>Last year's plan for the first two districts and one round covering both (version 2), arranged through the API.</summary>
    private static async Task<int> PlanWithRoundAsync(HttpClient supervisor, string province, string[] codes)
    {
        var plan = await (await supervisor.PostAsJsonAsync(Api, new { parentUnitCode = province, year = Year, unitCodes = codes[..2] }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = plan.GetProperty("id").GetInt32();
        var round = new { version = 1, kind = "Scheduled", date = $"{Year}-03-10", teamLead = "Lê Văn Cường", unitCodes = codes[..2], checklist = new[] { "Niêm yết công khai" } };
        (await supervisor.PostAsJsonAsync($"{Api}/{id}/rounds", round)).EnsureSuccessStatusCode();
        return id;
    }

    private static ILocator Form(IPage page, string button) =>
        page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }) }).First;

    private static ILocator Summary(IPage page, string text) => page.Locator(".inspection-summary", new() { HasText = text });

    /// <summary>Submits a form and waits for the page's answer to the post, with its status.</summary>
    private static async Task SubmitAsync(IPage page, ILocator form, int status)
    {
        var response = await page.RunAndWaitForResponseAsync(() => form.Locator("button[type=submit]").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains(Path, StringComparison.Ordinal));
        response.Status.ShouldBe(status, await response.TextAsync());
    }

    private static async Task AddRoundAsync(IPage page, string kind, string monthDay, string lead, string[] districts, string checklist)
    {
        var form = Form(page, "Ghi đợt kiểm tra");
        await form.GetByLabel("Hình thức").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await form.GetByLabel("Ngày").FillAsync($"{Year}-{monthDay}");
        await form.GetByLabel("Trưởng đoàn").FillAsync(lead);
        foreach (var district in districts)
        {
            await form.GetByLabel(district, new() { Exact = true }).CheckAsync();
        }

        await form.GetByLabel("Nội dung kiểm tra (mỗi dòng một nội dung)").FillAsync(checklist);
        await SubmitAsync(page, form, 200);
    }

    private static async Task RequireAsync(IPage page, int round, string district, string requirement, string deadline)
    {
        var details = page.Locator(".inspection-round").Nth(round).Locator("details.inspection-correction-form");
        await details.Locator("summary").ClickAsync();
        await details.GetByLabel("Đơn vị").SelectOptionAsync(new SelectOptionValue { Label = district });
        await details.GetByLabel("Yêu cầu").FillAsync(requirement);
        await details.GetByLabel("Hạn khắc phục").FillAsync(deadline);
        await SubmitAsync(page, details.Locator("form"), 200);
    }
}
