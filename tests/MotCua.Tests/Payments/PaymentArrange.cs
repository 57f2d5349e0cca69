using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Catalog;
using Shouldly;

namespace MotCua.Tests.Payments;

/// <summary>Arrangements of the payment tests: dossiers of "Cấp Giấy xác nhận tình trạng hôn nhân" (lệ phí 5.000 đ in the demo
/// schedule), received at the counter or online, and the steps of a payment through the gateway simulator.</summary>
internal sealed class PaymentArrange(PaymentHost app)
{
    public const string MaritalStatus = "1.004873";

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    public async Task<string> ReceiveAsync(HttpClient desk)
    {
        var response = await desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    /// <summary>A dossier the citizen submitted online and the desk received: (its id, its code).</summary>
    public async Task<(string Id, string Code)> ReceiveOnlineAsync(string unit, HttpClient desk, HttpClient citizen)
    {
        var submitted = await citizen.PostAsync("/api/v1/online-dossiers", OnlineApiTests.Multipart(OnlineApiTests.Body(unit), ("component-0", "to-khai.pdf", Pdf)));
        submitted.StatusCode.ShouldBe(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var received = await desk.PostAsync($"/api/v1/online-dossiers/{id}/receive", null);
        received.StatusCode.ShouldBe(HttpStatusCode.OK, await received.Content.ReadAsStringAsync());
        return (id, (await received.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!);
    }

    public int FeeId() => app.WithDb(db => db.Set<ProcedureFee>().Where(f => f.Amount == 5000 && db.ProcedureVersions
        .Any(v => v.Id == f.VersionId && v.Procedure!.Code == MaritalStatus && v.Status == VersionStatus.Published)).Select(f => f.Id).First());

    public static async Task<JsonElement> ChargesAsync(HttpClient staff, string code) =>
        await staff.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}/charges");

    public async Task<JsonElement> AddFeeAsync(HttpClient staff, string code, long reduction = 0, string? reason = null)
    {
        var version = (await ChargesAsync(staff, code)).GetProperty("version").GetInt32();
        var response = await staff.PostAsJsonAsync($"/api/v1/dossiers/{code}/charges", new { version, lines = new[] { new { fee = FeeId(), reduction, reason } } });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<HttpResponseMessage> CollectAsync(HttpClient desk, string code, int version, string method = "Cash") =>
        await desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/payments", new { version, method });

    /// <summary>The citizen starts paying online; answers the order and the gateway address it is sent to.</summary>
    public static async Task<(string Order, string Redirect)> StartOnlineAsync(HttpClient citizen, string id)
    {
        var response = await citizen.PostAsync($"/api/v1/my-dossiers/{id}/online-payment", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (started.GetProperty("orderId").GetString()!, started.GetProperty("redirectUrl").GetString()!);
    }

    /// <summary>What the citizen's browser does on the gateway's page: opens it, presses a button; answers where it is sent back.</summary>
    public async Task<string> PayOnGatewayAsync(string redirect, string order, string outcome = "pay")
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await browser.GetAsync(redirect);
        page.StatusCode.ShouldBe(HttpStatusCode.OK, await page.Content.ReadAsStringAsync());
        (await page.Content.ReadAsStringAsync()).ShouldContain("5.000 đ");
        var confirmed = await browser.PostAsync(TestPaymentGateway.Address + "/paymentv2/confirm",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["tmn"] = app.TmnCode, ["ref"] = order, ["outcome"] = outcome }));
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Found);
        return confirmed.Headers.Location!.ToString();
    }

    public int Payments(string code) => app.WithDb(db => db.Payments.Count(p => p.DossierCode == code));
}
