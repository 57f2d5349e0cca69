using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;
using static MotCua.Tests.Oversight.ParIndexFixtures;

namespace MotCua.Tests.Oversight;

/// <summary>The year's cycle of the reform index through the back office's forms in Chromium: the unit scores itself and attaches evidence, the
/// Department of Home Affairs appraises, a stale form is refused with the 409 message, and the year is finalised and published.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ParIndexFormsBrowserTests(BrowserHost host)
{
    [Fact]
    public async Task The_unit_scores_itself_with_evidence_through_the_form_and_the_appraiser_adjusts_it()
    {
        var (id, _, commune, supervisorName) = await ArrangeAsync();
        var leader = await SignedInAsync(await host.CreateStaffAsync(StaffRole.Leader, commune));
        await leader.OpenAsync($"/backoffice/giam-sat/chi-so-cchc/{id}/{commune}");
        var criterion = leader.Locator("fieldset[data-criterion='1.3']");
        // The leader scores the unit's own criteria only: the appraised and survey ones are not offered, nor is the appraisal.
        (await leader.Locator("fieldset.par-criterion").EvaluateAllAsync<string[]>("f => f.map(e => e.dataset.criterion)")).ShouldBe(["1.3"]);
        (await leader.Locator("form.par-appraisal").CountAsync()).ShouldBe(0);

        // Above the maximum: refused in Vietnamese, what was typed kept.
        await criterion.GetByLabel("Điểm tự chấm").FillAsync("31");
        await criterion.GetByLabel("Giải trình").FillAsync("Đã niêm yết đầy đủ 45 thủ tục");
        await criterion.GetByRole(AriaRole.Button, new() { Name = "Lưu điểm tự chấm" }).ClickAsync();
        await ShowsAsync(leader, "#errors", "Điểm: Điểm phải từ 0 đến 30,00, tối đa hai chữ số thập phân.");
        (await leader.Locator("fieldset[data-criterion='1.3']").GetByLabel("Điểm tự chấm").InputValueAsync()).ShouldBe("31");

        await leader.Locator("fieldset[data-criterion='1.3']").GetByLabel("Điểm tự chấm").FillAsync("28,5");
        await leader.Locator("fieldset[data-criterion='1.3']").GetByRole(AriaRole.Button, new() { Name = "Lưu điểm tự chấm" }).ClickAsync();
        await ShowsAsync(leader, "#message", "Đã lưu điểm tiêu chí 1.3.");
        (await leader.Locator("#criteria-table tr[data-criterion='1.3'] .points").InnerTextAsync()).ShouldBe("28,50");

        await leader.Locator("fieldset[data-criterion='1.3']").GetByLabel("Tài liệu kiểm chứng").SetInputFilesAsync(new FilePayload
        {
            Name = "bien-ban-niem-yet.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray(),
        });
        await leader.Locator("fieldset[data-criterion='1.3']").GetByRole(AriaRole.Button, new() { Name = "Đính kèm" }).ClickAsync();
        await ShowsAsync(leader, "#message", "Đã đính kèm tài liệu kiểm chứng cho tiêu chí 1.3.");
        (await leader.Locator("#criteria-table tr[data-criterion='1.3'] a").InnerTextAsync()).ShouldBe("bien-ban-niem-yet.pdf");

        // The Department of Home Affairs appraises: no self-assessment form for it, an appraisal form on every criterion not automatic.
        var appraiser = await SignedInAsync(supervisorName);
        await appraiser.OpenAsync($"/backoffice/giam-sat/chi-so-cchc/{id}/{commune}");
        (await appraiser.Locator("fieldset.par-criterion").EvaluateAllAsync<string[]>("f => f.map(e => e.dataset.criterion)")).ShouldBe(["1.3", "2.1", "2.2"]);
        (await appraiser.Locator("form.par-self").CountAsync()).ShouldBe(0);
        var appraisal = appraiser.Locator("fieldset[data-criterion='1.3']");
        (await appraisal.Locator("p.muted").InnerTextAsync()).ShouldBe("Đơn vị tự chấm 28,50 điểm: Đã niêm yết đầy đủ 45 thủ tục");
        await appraisal.GetByLabel("Điểm thẩm định").FillAsync("22.5");
        await appraisal.GetByLabel("Nhận xét thẩm định").FillAsync("Niêm yết chưa đủ tại Bộ phận Một cửa");
        await appraisal.GetByRole(AriaRole.Button, new() { Name = "Lưu điểm thẩm định" }).ClickAsync();
        await ShowsAsync(appraiser, "#message", "Đã lưu điểm tiêu chí 1.3.");
        var row = appraiser.Locator("#criteria-table tr[data-criterion='1.3']");
        (await row.Locator(".points").InnerTextAsync()).ShouldBe("22,50");
        (await row.InnerTextAsync()).ShouldContain("Thẩm định điều chỉnh từ 28,50 xuống 22,50 điểm: Niêm yết chưa đủ tại Bộ phận Một cửa");

        var history = host.WithDb(db => db.AuditEvents.Where(e => e.StreamId == $"ParIndexScore:{id}:{commune}:1.3").OrderBy(e => e.Sequence)
            .Select(e => new { e.Action, e.ActorRole }).ToList());
        history.Select(e => (e.Action, e.ActorRole)).ShouldBe([
            ("par-index.self-assessed", "Leader"), ("par-index.evidence-attached", "Leader"), ("par-index.appraised", "Supervisor")]);

        // A desk officer of the unit reads the card and is offered no form.
        var desk = await SignedInAsync(await host.CreateStaffAsync(StaffRole.DeskOfficer, commune));
        await desk.OpenAsync($"/backoffice/giam-sat/chi-so-cchc/{id}/{commune}");
        await desk.Locator("#criteria-table").WaitForAsync();
        (await desk.Locator("#scoring").CountAsync()).ShouldBe(0);
        // Posted anyway (with a valid antiforgery token from another form of the officer's), the handler refuses it and nothing changes.
        var refused = await desk.EvaluateAsync<string>("""
            async () => {
                const form = new DOMParser().parseFromString(await (await fetch('/account/reauthenticate')).text(), 'text/html');
                const body = new FormData();
                body.append('__RequestVerificationToken', form.querySelector('input[name=__RequestVerificationToken]').value);
                [['code', '1.3'], ['points', '30'], ['note', 'Tự chấm tối đa'], ['version', '3']].forEach(([k, v]) => body.append(k, v));
                const response = await fetch(location.pathname + '?handler=SelfAssess', { method: 'POST', body });
                return new URL(response.url).pathname;
            }
            """);
        refused.ShouldBe("/account/access-denied");
        host.WithDb(db => db.AuditEvents.Count(e => e.StreamId == $"ParIndexScore:{id}:{commune}:1.3")).ShouldBe(3);
    }

    [Fact]
    public async Task A_form_read_before_another_change_is_refused_with_the_409_message_and_changes_nothing()
    {
        var (id, _, commune, _) = await ArrangeAsync();
        var leader = await SignedInAsync(await host.CreateStaffAsync(StaffRole.Leader, commune));
        await leader.OpenAsync($"/backoffice/giam-sat/chi-so-cchc/{id}/{commune}");
        await leader.Locator("fieldset[data-criterion='1.3']").GetByLabel("Điểm tự chấm").FillAsync("30");
        await leader.Locator("fieldset[data-criterion='1.3']").GetByLabel("Giải trình").FillAsync("Tự chấm tối đa");

        // Meanwhile another leader of the unit scores the same criterion.
        var other = await host.SignInAsync(await host.CreateStaffAsync(StaffRole.Leader, commune));
        await VersionOfAsync(await SelfAssessAsync(other, id, commune, "1.3", 26m, 0, "Thiếu 4 thủ tục chưa niêm yết"));

        await leader.Locator("fieldset[data-criterion='1.3']").GetByRole(AriaRole.Button, new() { Name = "Lưu điểm tự chấm" }).ClickAsync();
        await ShowsAsync(leader, "#errors", "Dữ liệu vừa được người khác thay đổi. Vui lòng tải lại và thực hiện lại.");
        // The page shows what is stored, at its new version: the other leader's score.
        (await leader.Locator("#criteria-table tr[data-criterion='1.3'] .points").InnerTextAsync()).ShouldBe("26,00");
        (await leader.Locator("fieldset[data-criterion='1.3']").GetByLabel("Điểm tự chấm").InputValueAsync()).ShouldBe("26,00");
        host.WithDb(db => db.AuditEvents.Count(e => e.StreamId == $"ParIndexScore:{id}:{commune}:1.3")).ShouldBe(1);
    }

    [Fact]
    public async Task The_supervisor_finalises_then_publishes_the_year_and_the_public_page_shows_it()
    {
        var (id, province, commune, supervisorName) = await ArrangeAsync();
        var stronger = await host.CreateUnitAsync(province, UnitKind.Commune, "UBND xã Thới Bình");
        var api = await host.SignInAsync(supervisorName);
        await VersionOfAsync(await AppraiseAsync(api, id, stronger, "2.2", 27m, 0, "Chỉ số hài lòng của người dân"));

        // A leader of the province, not the Department of Home Affairs' supervisor, reads the ranking but may not close the year.
        var leader = await SignedInAsync(await host.CreateStaffAsync(StaffRole.Leader, province));
        await leader.OpenAsync("/backoffice/giam-sat/chi-so-cchc?nam=2025");
        await leader.Locator("#ranking").WaitForAsync();
        (await leader.Locator("#closing-form").CountAsync()).ShouldBe(0);

        var supervisor = await SignedInAsync(supervisorName);
        await supervisor.OpenAsync("/backoffice/giam-sat/chi-so-cchc?nam=2025");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Chốt kết quả năm 2025" }).ClickAsync();
        await ShowsAsync(supervisor, "#message", "Đã chốt kết quả Chỉ số CCHC năm 2025.");
        (await supervisor.Locator("#state").InnerTextAsync()).ShouldStartWith("Đã chốt");

        // Closed: the unit's card offers no form any more.
        var closed = await SignedInAsync(await host.CreateStaffAsync(StaffRole.Leader, commune));
        await closed.OpenAsync($"/backoffice/giam-sat/chi-so-cchc/{id}/{commune}");
        await closed.Locator("#criteria-table").WaitForAsync();
        (await closed.Locator("#scoring").CountAsync()).ShouldBe(0);

        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Công bố kết quả năm 2025" }).ClickAsync();
        await ShowsAsync(supervisor, "#message", "Đã công bố kết quả Chỉ số CCHC năm 2025.");
        (await supervisor.Locator("#state").InnerTextAsync()).ShouldStartWith("Đã công bố");
        (await supervisor.Locator("#closing-form").CountAsync()).ShouldBe(0);

        var citizen = await host.NewPageAsync();
        await citizen.OpenAsync($"/chi-so-cchc?tinh={province}&nam=2025");
        (await citizen.Locator("#ranking tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.unit)")).ShouldBe([stronger, commune]);
        (await citizen.Locator($"#ranking tr[data-unit='{stronger}'] .total").InnerTextAsync()).ShouldBe("27,00/100,00");
    }

    /// <summary>A province with one commune and its open 2025 index (<see cref="ParIndexFixtures.Tree"/>), and its supervisor's user name.</summary>
    private async Task<(int Id, string Province, string Commune, string Supervisor)> ArrangeAsync()
    {
        var province = await host.CreateUnitAsync(null, UnitKind.Province, "Tỉnh Thử Nghiệm");
        var supervisor = await host.CreateStaffAsync(StaffRole.Supervisor, province);
        var commune = await host.CreateUnitAsync(province, UnitKind.Commune, "UBND xã Hiệp Hòa");
        var id = await CreateAsync(await host.SignInAsync(supervisor), Tree(province, 2025));
        return (id, province, commune, supervisor);
    }

    private async Task<IPage> SignedInAsync(string userName)
    {
        var page = await host.NewPageAsync();
        await BrowserHost.SignInAsync(page, userName, DemoSeeder.StaffPassword);
        return page;
    }

    /// <summary>Waits for the page the form's post answered with: the element holding the text.</summary>
    private static Task ShowsAsync(IPage page, string selector, string text) => page.Locator(selector, new() { HasText = text }).WaitForAsync();
}
