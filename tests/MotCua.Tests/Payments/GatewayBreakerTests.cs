using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MotCua.Tests.Dossiers;
using Shouldly;

namespace MotCua.Tests.Payments;

/// <summary>A host of its own whose gateway breaker opens after three failed calls and holds calls back for two seconds.</summary>
public sealed class BreakerPaymentHost : PaymentHost
{
    public static readonly TimeSpan BreakFor = TimeSpan.FromSeconds(2);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("MotCua:Breakers:MinimumCalls", "3");
        builder.UseSetting("MotCua:Breakers:BreakFor", BreakFor.ToString());
    }
}

/// <summary>
/// The circuit breaker in front of the payment gateway (the simulator, its own process): once the gateway keeps failing, calls are
/// held back even after it is up again, until the break has passed; then a trial call goes through and the refund is made once.
/// </summary>
public sealed class GatewayBreakerTests(BreakerPaymentHost app) : IClassFixture<BreakerPaymentHost>
{
    private readonly PaymentArrange _arrange = new(app);

    [Fact]
    public async Task A_gateway_that_keeps_failing_is_held_back_for_the_break_and_tried_again_after_it()
    {
        var (unit, desk) = await app.DeskAsync(PaymentArrange.MaritalStatus);
        await app.ModeAsync("normal");
        var citizen = await OnlineApiTests.CitizenAsync(app);
        var (id, code) = await _arrange.ReceiveOnlineAsync(unit, desk, citizen);
        await _arrange.AddFeeAsync(desk, code);
        var (order, redirect) = await PaymentArrange.StartOnlineAsync(citizen, id);
        await _arrange.PayOnGatewayAsync(redirect, order);
        var payment = app.WithDb(db => db.Payments.Single(p => p.DossierCode == code).Id);
        Task<HttpResponseMessage> RefundAsync() => desk.PostAsJsonAsync($"/api/v1/payments/{payment}/refunds", new { amount = 1000, reason = "Thu thừa" });

        await app.ModeAsync("down");
        for (var i = 0; i < 3; i++)
        {
            (await RefundAsync()).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }

        // The gateway is up again, but the breaker is open: the call is held back and the desk is told at once.
        await app.ModeAsync("normal");
        var heldBack = await RefundAsync();
        heldBack.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await heldBack.Content.ReadAsStringAsync()).ShouldContain("Cổng thanh toán không phản hồi");
        (await TestPaymentGateway.TransactionAsync(order)).GetProperty("refunds").GetArrayLength().ShouldBe(0);

        // After the break a trial call goes through.
        await Task.Delay(BreakerPaymentHost.BreakFor + TimeSpan.FromMilliseconds(300));
        var refunded = await RefundAsync();
        refunded.StatusCode.ShouldBe(HttpStatusCode.OK, await refunded.Content.ReadAsStringAsync());
        (await refunded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refunded").GetInt64().ShouldBe(1000);
        (await TestPaymentGateway.TransactionAsync(order)).GetProperty("refunds").GetArrayLength().ShouldBe(1);
        app.WithDb(db => db.Refunds.Count(r => r.PaymentId == payment)).ShouldBe(1);
    }
}
