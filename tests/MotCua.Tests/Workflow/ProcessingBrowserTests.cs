using Microsoft.Playwright;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Catalog;
using MotCua.Web.Demo;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Workflow;

/// <summary>
/// Three officers of one commune, each in their own browser: the desk receives at the counter and starts processing,
/// the specialist attaches the draft result and forwards to the leader, the leader approves back to the desk, and the
/// desk returns the result at the counter; the control slip lists every hand-off.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProcessingBrowserTests(BrowserHost host)
{
    private const string MaritalStatus = "1.004873";

    [Fact]
    public async Task A_dossier_goes_desk_specialist_leader_desk_and_is_returned_signed_in_as_three_users()
    {
        var commune = await host.CreateUnitAsync("000.00.00.H50", name: "Xã Gio Thử Xử Lý");
        await host.ProvideAsync(MaritalStatus, commune);
        var deskName = await host.CreateStaffAsync(StaffRole.DeskOfficer, commune);
        var specialistName = await host.CreateStaffAsync(StaffRole.Specialist, commune);
        var leaderName = await host.CreateStaffAsync(StaffRole.Leader, commune);
        host.WithDb(db =>
        {
            var definition = new ProcessDefinition
            {
                ProcedureId = db.Procedures.Where(p => p.Code == MaritalStatus).Select(p => p.Id).Single(),
                UnitId = db.Units.Where(u => u.Code == commune).Select(u => u.Id).Single(),
            };
            definition.Replace(
            [
                new ProcessStep { Order = 1, Name = "Thẩm định hồ sơ", Role = StaffRole.Specialist, Hours = 16 },
                new ProcessStep { Order = 2, Name = "Phê duyệt", Role = StaffRole.Leader, Hours = 4 },
            ]);
            db.ProcessDefinitions.Add(definition);
            return db.SaveChanges();
        });

        var desk = await host.NewPageAsync();
        await BrowserHost.SignInAsync(desk, deskName, DemoSeeder.StaffPassword);
        await desk.OpenAsync("/backoffice/tiep-nhan");
        await desk.GetByLabel("Thủ tục hành chính").SelectOptionAsync(MaritalStatus);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Mở" }).ClickAsync();
        await desk.GetByLabel("Họ tên / tên tổ chức").FillAsync("Hồ Thị Lan");
        await desk.GetByLabel("Số giấy tờ", new() { Exact = true }).First.FillAsync("045190004321");
        await desk.GetByLabel("Địa chỉ").FillAsync("Thôn An Mỹ, xã Gio Linh, tỉnh Quảng Trị");
        await desk.GetByLabel("Số điện thoại").First.FillAsync("0905765432");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận và in giấy hẹn (mẫu 01)" }).ClickAsync();
        await desk.WaitForPathAsync("**/phieu/tiep-nhan");
        var code = (await desk.Locator(".slip-subtitle").InnerTextAsync()).Replace("Mã hồ sơ: ", "", StringComparison.Ordinal).Trim();
        var workspace = new Uri(desk.Url).AbsolutePath.Replace("/phieu/tiep-nhan", "", StringComparison.Ordinal);

        await desk.OpenAsync(workspace);
        await desk.Locator("[data-action=start]").ClickAsync();
        (await desk.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Đã chuyển hồ sơ sang bước xử lý đầu tiên.");
        (await desk.Locator("[data-step]").InnerTextAsync()).ShouldContain("Thẩm định hồ sơ");

        var specialist = await host.NewPageAsync();
        await BrowserHost.SignInAsync(specialist, specialistName, DemoSeeder.StaffPassword);
        await specialist.OpenAsync("/backoffice/ho-so?box=phong");
        (await specialist.Locator($"tr[data-dossier='{code}'] [data-left]").InnerTextAsync()).ShouldContain("làm việc");
        await specialist.GetByRole(AriaRole.Link, new() { Name = code }).ClickAsync();
        await specialist.Locator("input[name=files]").SetInputFilesAsync(new FilePayload
        {
            Name = "du-thao-giay-xac-nhan.pdf",
            MimeType = "application/pdf",
            Buffer = ResultsApiTests.Pdf,
        });
        await specialist.Locator("[data-action=results]").ClickAsync();
        (await specialist.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Đã đính kèm kết quả.");
        await specialist.Locator("select[name=assignee]").First.SelectOptionAsync(leaderName);
        await specialist.Locator("[data-action=forward]").ClickAsync();
        (await specialist.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Đã chuyển hồ sơ.");

        var leader = await host.NewPageAsync();
        await BrowserHost.SignInAsync(leader, leaderName, DemoSeeder.StaffPassword);
        await leader.OpenAsync("/backoffice/ho-so?box=cua-toi");
        await leader.GetByRole(AriaRole.Link, new() { Name = code }).ClickAsync();
        (await leader.Locator("[data-step]").InnerTextAsync()).ShouldContain("Phê duyệt");
        await leader.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt, chuyển kết quả về Bộ phận Một cửa" }).ClickAsync();
        (await leader.Locator("[data-state]").GetAttributeAsync("data-state")).ShouldBe("9");

        await desk.OpenAsync(workspace);
        await desk.GetByLabel("Hình thức trả kết quả").SelectOptionAsync("Counter");
        await desk.Locator("[data-action=return]").ClickAsync();
        (await desk.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Đã trả kết quả.");
        (await desk.Locator("[data-state]").GetAttributeAsync("data-state")).ShouldBe("10");

        await desk.Locator("[data-control-slip]").ClickAsync();
        var rows = await desk.Locator("article.slip table tbody tr").AllInnerTextsAsync();
        rows.Count.ShouldBe(4);
        rows[0].ShouldContain("Chuyển xử lý");
        rows[1].ShouldContain("Thẩm định hồ sơ");
        rows[1].ShouldContain("Phê duyệt");
        rows[2].ShouldContain("Trả kết quả về Bộ phận Một cửa");
        rows[3].ShouldContain("Trả kết quả tại Bộ phận Một cửa");

        await desk.OpenAsync(workspace + "/lich-su");
        (await desk.Locator("[data-chain]").GetAttributeAsync("data-chain")).ShouldBe("intact");
        (await desk.Locator("tbody tr").CountAsync()).ShouldBe(6);
    }
}
