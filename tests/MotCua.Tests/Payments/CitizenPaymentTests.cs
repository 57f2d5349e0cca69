using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Workflow;
using MotCua.Web;
using MotCua.Web.Payments;
using Shouldly;
using static MotCua.Tests.Workflow.WorkflowApiTests;

namespace MotCua.Tests.Payments;

/// <summary>
/// The citizen's side of online payment against the gateway simulator (its own process): the pay page in Chromium through the
/// gateway and back, a financial obligation (national state 6) paid online ending the wait, and a notice that loses the race
/// on the dossier to a desk action.
/// </summary>
[Collection(PaymentCollection.Name)]
public sealed class CitizenPaymentTests(PaymentHost app)
{
    private readonly PaymentArrange _arrange = new(app);

    [Fact]
    public async Task A_citizen_pays_a_fee_in_the_browser_through_the_gateway_and_comes_back_to_a_paid_dossier_with_its_receipt()
    {
        var (unit, desk) = await app.DeskAsync(PaymentArrange.MaritalStatus);
        await app.ModeAsync("normal");
        var (citizen, phone) = await OnlineApiTests.RegisterCitizenAsync(app);
        var (id, code) = await _arrange.ReceiveOnlineAsync(unit, desk, citizen);
        await _arrange.AddFeeAsync(desk, code);

        var page = await app.NewPageAsync();
        await BrowserHost.SignInAsync(page, phone, OnlineApiTests.CitizenPassword);
        var opened = await page.OpenAsync($"/ho-so-cua-toi/{id}/thanh-toan");
        (await opened!.HeaderValueAsync("content-security-policy")).ShouldNotBeNull().ShouldEndWith("form-action 'self' " + TestPaymentGateway.Address);
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Số tiền phải nộp: 5.000 đ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thanh toán trực tuyến" }).ClickAsync();

        // On the gateway's own page, served by the simulator's process.
        // The page's policy lets its form lead to the gateway's origin, and to no other (form-action applies to the redirect too).
        await page.WaitForURLAsync(url => url.StartsWith(TestPaymentGateway.Address + "/paymentv2/vpcpay.html?", StringComparison.Ordinal));
        (await page.Locator("#amount").InnerTextAsync()).ShouldBe("5.000 đ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thanh toán", Exact = true }).ClickAsync();

        await page.WaitForPathAsync("**/thanh-toan/ket-qua?**");
        var back = await page.Locator("main").InnerTextAsync();
        back.ShouldContain($"Đã thanh toán 5.000 đ cho hồ sơ {code}.");
        back.ShouldContain("Biên lai điện tử:");

        // The pay page no longer asks for money, and lists the payment with its receipt.
        await page.OpenAsync($"/ho-so-cua-toi/{id}/thanh-toan");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Thanh toán trực tuyến" }).CountAsync()).ShouldBe(0);
        var view = await PaymentArrange.ChargesAsync(desk, code);
        view.GetProperty("outstanding").GetInt64().ShouldBe(0);
        var receipt = view.GetProperty("receipts").EnumerateArray().Single();
        (await page.Locator("main").InnerTextAsync()).ShouldContain(receipt.GetProperty("number").GetString()!);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_financial_obligation_paid_online_ends_the_state_6_wait_and_the_time_left_counts_on_from_the_payment()
    {
        var flow = new WorkflowApiTests(app);
        var (unit, desk, _, specialist, _) = await flow.ArrangeAsync();
        await app.ModeAsync("normal");
        var citizen = await OnlineApiTests.CitizenAsync(app);
        try
        {
            // Submitted and received Mon 05/01/2026 09:00 (due Thu 08/01 09:00), sent to the specialist at 09:30.
            app.Clock.SetNow(Vn(5, 9));
            var (id, code) = await _arrange.ReceiveOnlineAsync(unit, desk, citizen);
            var version = (await desk.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}")).GetProperty("version").GetInt32();
            var started = await flow.ActAsync(desk, code, "start", Vn(5, 9, 30), new { version });
            var waiting = await flow.ActAsync(specialist, code, "payment-request", Vn(6, 10),
                new { version = Version(started), amount = 5_000, purpose = "Phí thẩm định" });
            waiting.GetProperty("nationalState").GetInt32().ShouldBe(6);

            // Paid on the gateway on Fri 09/01 14:00; the gateway's notice ends the wait.
            app.Clock.SetNow(Vn(9, 14));
            var (order, redirect) = await PaymentArrange.StartOnlineAsync(citizen, id);
            await _arrange.PayOnGatewayAsync(redirect, order);
            (await TestPaymentGateway.TransactionAsync(order)).GetProperty("ipnReplies")[0].GetProperty("RspCode").GetString().ShouldBe("00");

            // 15 working hours were left at Tue 06/01 10:00; from Fri 09/01 14:00 they end Mon 12/01 11:00 (Sat 10/01 is worked).
            var dossier = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}");
            dossier.GetProperty("state").GetString().ShouldBe("Processing");
            dossier.GetProperty("dueAt").GetString().ShouldBe("2026-01-12T11:00:00+07:00");
            var stored = app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code));
            stored.Suspensions.Single().To.ShouldBe(Vn(9, 14).UtcDateTime);
            var confirmed = app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "Dossier:" + id && e.Action == "dossier.payment-confirmed")
                .Select(e => e.After).Single());
            confirmed.ShouldNotBeNull().ShouldContain(order);
            app.WithDb(db => db.Payments.Single(p => p.DossierCode == code).Method).ShouldBe(PaymentMethod.Online);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_notice_racing_a_desk_action_on_the_dossier_records_nothing_asks_the_gateway_again_and_is_recorded_once_on_its_return()
    {
        var (unit, desk) = await app.DeskAsync(PaymentArrange.MaritalStatus);
        var citizen = await OnlineApiTests.CitizenAsync(app);
        var (id, code) = await _arrange.ReceiveOnlineAsync(unit, desk, citizen);
        await _arrange.AddFeeAsync(desk, code);
        var (order, redirect) = await PaymentArrange.StartOnlineAsync(citizen, id);
        await app.ModeAsync("late");
        try
        {
            await _arrange.PayOnGatewayAsync(redirect, order);
        }
        finally
        {
            await app.ModeAsync("normal");
        }

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
            // The settlement has read the dossier when the desk adds another fee to it and wins the race on its version.
            _ = await db.Dossiers.SingleAsync(d => d.Code == code);
            await _arrange.AddFeeAsync(desk, code);
            var pending = await db.GatewayOrders.SingleAsync(o => o.Id == order);
            var outcome = await scope.ServiceProvider.GetRequiredService<OnlineSettlement>()
                .SettleAsync(pending, paid: true, "00", "14000001", DateTime.UtcNow, CancellationToken.None);
            outcome.ShouldBe(SettlementOutcome.Retry);
        }

        _arrange.Payments(code).ShouldBe(0);
        app.WithDb(db => db.EReceipts.Count(r => r.DossierCode == code)).ShouldBe(0);
        app.WithDb(db => db.GatewayOrders.Single(o => o.Id == order).Status).ShouldBe(GatewayOrderStatus.Pending);

        // The gateway sends its notice again: recorded once, for the order's own charge only.
        (await TestPaymentGateway.SendNoticeAsync(order)).GetProperty("RspCode").GetString().ShouldBe("00");
        _arrange.Payments(code).ShouldBe(1);
        (await PaymentArrange.ChargesAsync(desk, code)).GetProperty("outstanding").GetInt64().ShouldBe(5000);
        (await TestPaymentGateway.SendNoticeAsync(order)).GetProperty("RspCode").GetString().ShouldBe("02");
        _arrange.Payments(code).ShouldBe(1);
    }
}
