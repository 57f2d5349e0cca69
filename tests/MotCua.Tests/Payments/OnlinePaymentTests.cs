using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Payments;
using Shouldly;

namespace MotCua.Tests.Payments;

/// <summary>
/// Online payment through the gateway simulator, a separate process (tools/payment-gateway/gateway.py): the signed redirect, the
/// return, the IPN (checked, idempotent), late and duplicate notices, wrong signatures, reconciliation and refunds (issue 19 part 3).
/// </summary>
[Collection(PaymentCollection.Name)]
public sealed class OnlinePaymentTests(PaymentHost app)
{
    private readonly PaymentArrange _arrange = new(app);

    private async Task<(HttpClient Desk, HttpClient Citizen, string Id, string Code)> OwedAsync(string unit, HttpClient desk)
    {
        var citizen = await OnlineApiTests.CitizenAsync(app);
        var (id, code) = await _arrange.ReceiveOnlineAsync(unit, desk, citizen);
        await _arrange.AddFeeAsync(desk, code);
        return (desk, citizen, id, code);
    }

    [Fact]
    public async Task A_payment_on_the_gateway_is_recorded_by_its_notice_with_a_receipt_and_the_return_page_says_so()
    {
        var (unit, desk) = await app.DeskAsync(PaymentArrange.MaritalStatus);
        await app.ModeAsync("normal");
        var (_, citizen, id, code) = await OwedAsync(unit, desk);
        var (order, redirect) = await PaymentArrange.StartOnlineAsync(citizen, id);
        redirect.ShouldStartWith(TestPaymentGateway.Address + "/paymentv2/vpcpay.html?");
        redirect.ShouldContain("vnp_Amount=500000&");

        // A tampered redirect (another amount) is refused by the gateway.
        using (var raw = new HttpClient())
        {
            (await raw.GetAsync(redirect.Replace("vnp_Amount=500000", "vnp_Amount=100", StringComparison.Ordinal))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        var back = await _arrange.PayOnGatewayAsync(redirect, order);
        back.ShouldStartWith(app.BaseUrl + "/thanh-toan/ket-qua?");
        (await TestPaymentGateway.TransactionAsync(order)).GetProperty("ipnReplies")[0].GetProperty("RspCode").GetString().ShouldBe("00");

        var view = await PaymentArrange.ChargesAsync(desk, code);
        view.GetProperty("outstanding").GetInt64().ShouldBe(0);
        var payment = view.GetProperty("payments").EnumerateArray().Single();
        payment.GetProperty("method").GetString().ShouldBe("Online");
        payment.GetProperty("gatewayOrderId").GetString().ShouldBe(order);
        view.GetProperty("receipts").GetArrayLength().ShouldBe(1);

        var page = await citizen.GetStringAsync(back);
        page.ShouldContain("Đã thanh toán 5.000 đ cho hồ sơ " + code);

        // The same return replayed, or forged, records nothing more.
        (await citizen.GetStringAsync(back.Replace("vnp_ResponseCode=00", "vnp_ResponseCode=24", StringComparison.Ordinal)))
            .ShouldContain("sai chữ ký");
        _arrange.Payments(code).ShouldBe(1);
    }

    [Fact]
    public async Task A_notice_sent_twice_at_once_records_the_money_once()
    {
        var (unit, desk) = await app.DeskAsync(PaymentArrange.MaritalStatus);
        var (_, citizen, id, code) = await OwedAsync(unit, desk);
        var (order, redirect) = await PaymentArrange.StartOnlineAsync(citizen, id);
        await app.ModeAsync("twice");
        try
        {
            await _arrange.PayOnGatewayAsync(redirect, order);
        }
        finally
        {
            await app.ModeAsync("normal");
        }

        var replies = (await TestPaymentGateway.TransactionAsync(order)).GetProperty("ipnReplies").EnumerateArray()
            .Select(r => r.GetProperty("RspCode").GetString()).Order().ToList();
        replies.ShouldBe(["00", "02"]);
        _arrange.Payments(code).ShouldBe(1);
        app.WithDb(db => db.EReceipts.Count(r => r.DossierCode == code)).ShouldBe(1);
        (await TestPaymentGateway.SendNoticeAsync(order)).GetProperty("RspCode").GetString().ShouldBe("02");
        _arrange.Payments(code).ShouldBe(1);
    }

    [Fact]
    public async Task A_notice_with_a_wrong_signature_changes_nothing_and_the_reconciliation_records_the_payment_once()
    {
        var (unit, desk) = await app.DeskAsync(PaymentArrange.MaritalStatus);
        var (_, citizen, id, code) = await OwedAsync(unit, desk);
        var (order, redirect) = await PaymentArrange.StartOnlineAsync(citizen, id);
        var version = (await PaymentArrange.ChargesAsync(desk, code)).GetProperty("version").GetInt32();
        await app.ModeAsync("bad-signature");
        string back;
        try
        {
            back = await _arrange.PayOnGatewayAsync(redirect, order);
        }
        finally
        {
            await app.ModeAsync("normal");
        }

        (await TestPaymentGateway.TransactionAsync(order)).GetProperty("ipnReplies")[0].GetProperty("RspCode").GetString().ShouldBe("97");
        _arrange.Payments(code).ShouldBe(0);
        (await PaymentArrange.ChargesAsync(desk, code)).GetProperty("version").GetInt32().ShouldBe(version);
        (await citizen.GetStringAsync(back)).ShouldContain("đang chờ cổng thanh toán xác nhận");

        var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var report = await (await desk.PostAsJsonAsync("/api/v1/payments/reconciliation", new { day = today })).Content.ReadFromJsonAsync<JsonElement>();
        var line = report.GetProperty("mismatches").EnumerateArray().Single(m => m.GetProperty("orderId").GetString() == order);
        line.GetProperty("kind").GetString().ShouldBe("PaidWithoutNotice");
        _arrange.Payments(code).ShouldBe(1);

        // Run again: the order is settled, and nothing is recorded twice.
        var again = await (await desk.PostAsJsonAsync("/api/v1/payments/reconciliation", new { day = today })).Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("mismatches").EnumerateArray().ShouldNotContain(m => m.GetProperty("orderId").GetString() == order);
        _arrange.Payments(code).ShouldBe(1);
    }

    [Fact]
    public async Task A_late_notice_after_the_citizen_is_back_is_recorded_when_it_comes()
    {
        var (unit, desk) = await app.DeskAsync(PaymentArrange.MaritalStatus);
        var (_, citizen, id, code) = await OwedAsync(unit, desk);
        var (order, redirect) = await PaymentArrange.StartOnlineAsync(citizen, id);
        await app.ModeAsync("late");
        string back;
        try
        {
            back = await _arrange.PayOnGatewayAsync(redirect, order);
        }
        finally
        {
            await app.ModeAsync("normal");
        }

        (await citizen.GetStringAsync(back)).ShouldContain("đang chờ cổng thanh toán xác nhận");
        _arrange.Payments(code).ShouldBe(0);
        (await TestPaymentGateway.SendNoticeAsync(order)).GetProperty("RspCode").GetString().ShouldBe("00");
        _arrange.Payments(code).ShouldBe(1);
        (await citizen.GetStringAsync(back)).ShouldContain("Đã thanh toán 5.000 đ");
    }

    [Fact]
    public async Task A_cancelled_payment_leaves_the_dossier_as_it_was_and_says_why()
    {
        var (unit, desk) = await app.DeskAsync(PaymentArrange.MaritalStatus);
        await app.ModeAsync("normal");
        var (_, citizen, id, code) = await OwedAsync(unit, desk);
        var version = (await PaymentArrange.ChargesAsync(desk, code)).GetProperty("version").GetInt32();
        var (order, redirect) = await PaymentArrange.StartOnlineAsync(citizen, id);
        var back = await _arrange.PayOnGatewayAsync(redirect, order, "cancel");
        (await citizen.GetStringAsync(back)).ShouldContain("Thanh toán không thành công: bạn đã hủy giao dịch");
        _arrange.Payments(code).ShouldBe(0);
        var view = await PaymentArrange.ChargesAsync(desk, code);
        view.GetProperty("version").GetInt32().ShouldBe(version);
        view.GetProperty("outstanding").GetInt64().ShouldBe(5000);
        app.WithDb(db => db.GatewayOrders.Single(o => o.Id == order).Status).ShouldBe(GatewayOrderStatus.Failed);
    }

    [Fact]
    public async Task A_refund_goes_through_the_gateway_and_a_gateway_that_is_down_refunds_nothing_and_never_stops_the_desk()
    {
        var (unit, desk) = await app.DeskAsync(PaymentArrange.MaritalStatus);
        await app.ModeAsync("normal");
        var (_, citizen, id, code) = await OwedAsync(unit, desk);
        var (order, redirect) = await PaymentArrange.StartOnlineAsync(citizen, id);
        await _arrange.PayOnGatewayAsync(redirect, order);
        var payment = app.WithDb(db => db.Payments.Single(p => p.DossierCode == code).Id);

        (await desk.PostAsJsonAsync($"/api/v1/payments/{payment}/refunds", new { amount = 6000, reason = "Quá số đã nộp" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await app.ModeAsync("down");
        try
        {
            var refused = await desk.PostAsJsonAsync($"/api/v1/payments/{payment}/refunds", new { amount = 2000, reason = "Thu thừa" });
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("Cổng thanh toán không phản hồi");
            app.WithDb(db => db.Refunds.Count(r => r.PaymentId == payment)).ShouldBe(0);

            // The desk collects another dossier at the counter meanwhile.
            var other = await _arrange.ReceiveAsync(desk);
            var version = (await _arrange.AddFeeAsync(desk, other)).GetProperty("version").GetInt32();
            (await PaymentArrange.CollectAsync(desk, other, version, "Transfer")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            await app.ModeAsync("normal");
        }

        var refunded = await (await desk.PostAsJsonAsync($"/api/v1/payments/{payment}/refunds", new { amount = 2000, reason = "Thu thừa" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        refunded.GetProperty("refunded").GetInt64().ShouldBe(2000);
        refunded.GetProperty("gatewayTransaction").GetString().ShouldNotBeNullOrEmpty();
        (await TestPaymentGateway.TransactionAsync(order)).GetProperty("refunds").GetArrayLength().ShouldBe(1);
        app.WithDb(db => db.AuditEvents.Count(e => e.StreamId == "Payment:" + payment && e.Action == "payment.refunded")).ShouldBe(1);

        // Fees collected in the unit today: 5.000 online less 2.000 refunded, and 5.000 by transfer; one of two dossiers paid online.
        var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var report = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/payments/report?unitCode={unit}&from={today}&to={today}");
        report.GetProperty("total").GetProperty("collected").GetInt64().ShouldBe(8000);
        report.GetProperty("total").GetProperty("online").GetInt64().ShouldBe(3000);
        report.GetProperty("onlineShare").GetDecimal().ShouldBe(0.5m);
    }
}
