using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Payments;

/// <summary>Charges from the fee schedule, collection at the counter, e-receipts and their register (issue 19 parts 1 and 2).</summary>
[Collection(PaymentCollection.Name)]
public sealed class CounterPaymentTests(PaymentHost app)
{
    private readonly PaymentArrange _arrange = new(app);

    [Fact]
    public async Task A_fee_of_the_schedule_is_collected_at_the_counter_with_a_numbered_receipt_on_the_control_slip()
    {
        var (_, desk) = await app.DeskAsync(PaymentArrange.MaritalStatus);
        var code = await _arrange.ReceiveAsync(desk);

        // A reduction needs its legal reason; a fee of another schedule is refused.
        var version = (await PaymentArrange.ChargesAsync(desk, code)).GetProperty("version").GetInt32();
        var unexplained = await desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/charges", new { version, lines = new[] { new { fee = _arrange.FeeId(), reduction = 2000 } } });
        unexplained.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unexplained.Content.ReadAsStringAsync()).ShouldContain("lines[0].reason");
        (await desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/charges", new { version, lines = new[] { new { fee = -1 } } })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var charged = await _arrange.AddFeeAsync(desk, code);
        charged.GetProperty("outstanding").GetInt64().ShouldBe(5000);
        charged.GetProperty("charges")[0].GetProperty("name").GetString().ShouldBe("Lệ phí cấp Giấy xác nhận tình trạng hôn nhân");

        (await PaymentArrange.CollectAsync(desk, code, charged.GetProperty("version").GetInt32(), "Bitcoin")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var collected = await PaymentArrange.CollectAsync(desk, code, charged.GetProperty("version").GetInt32());
        collected.StatusCode.ShouldBe(HttpStatusCode.OK, await collected.Content.ReadAsStringAsync());
        var view = await collected.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("outstanding").GetInt64().ShouldBe(0);
        var payment = view.GetProperty("payments").EnumerateArray().Single();
        payment.GetProperty("method").GetString().ShouldBe("Cash");
        payment.GetProperty("amount").GetInt64().ShouldBe(5000);
        var receipt = view.GetProperty("receipts").EnumerateArray().Single();
        receipt.GetProperty("template").GetString().ShouldBe("01BLP0-001");
        var year = DateTime.UtcNow.AddHours(7).Year % 100;
        receipt.GetProperty("series").GetString().ShouldBe($"AA-{year:00}E");
        receipt.GetProperty("number").GetString().ShouldBe("0000001");

        // Nothing is owed any more: a second collection is refused and records nothing.
        var again = await PaymentArrange.CollectAsync(desk, code, view.GetProperty("version").GetInt32());
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        _arrange.Payments(code).ShouldBe(1);

        var data = app.WithDb(db => db.EReceipts.Single(r => r.DossierCode == code).Data);
        data.ShouldContain("<KHMSBLai>01BLP0-001</KHMSBLai>");
        data.ShouldContain("<SBLai>0000001</SBLai>");
        data.ShouldContain("<NNop><Ten>Nguyễn Thị Hằng</Ten>");
        data.ShouldContain("<TgTTTBSo>5000</TgTTTBSo>");

        // The receipt data carries the unit's detached CMS signature; an independent tool verifies it against the test CA.
        receipt.GetProperty("signed").GetBoolean().ShouldBeTrue();
        var signature = app.WithDb(db => db.EReceipts.Single(r => r.DossierCode == code).Signature)!;
        var folder = Directory.CreateTempSubdirectory("motcua-receipt").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "data.xml"), data);
        await File.WriteAllBytesAsync(Path.Combine(folder, "sig.der"), Convert.FromBase64String(signature));
        TestCa.Run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", Path.Combine(folder, "sig.der"), "-content", Path.Combine(folder, "data.xml"),
            "-CAfile", TestCa.CaPem, "-purpose", "any", "-out", "/dev/null");

        var id = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Id);
        var history = app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "Dossier:" + id).OrderBy(e => e.Sequence).Select(e => e.Action).ToList());
        history.ShouldBe(["dossier.received", "dossier.charges-added", "dossier.payment-received"]);
        var slip = await desk.GetStringAsync($"/backoffice/ho-so/{id}/bieu-mau/kiem-soat");
        slip.ShouldContain($"Nộp 5.000 đ (tiền mặt); biên lai 01BLP0-001 AA-{year:00}E số 0000001");
    }

    [Fact]
    public async Task An_exempt_fee_keeps_its_legal_reason_and_leaves_nothing_to_collect()
    {
        var (_, desk) = await app.DeskAsync(PaymentArrange.MaritalStatus);
        var code = await _arrange.ReceiveAsync(desk);
        var charged = await _arrange.AddFeeAsync(desk, code, 5000, "Người khuyết tật: miễn theo Nghị quyết HĐND tỉnh");
        charged.GetProperty("outstanding").GetInt64().ShouldBe(0);
        var line = charged.GetProperty("charges")[0];
        line.GetProperty("scheduledAmount").GetInt64().ShouldBe(5000);
        line.GetProperty("reductionReason").GetString().ShouldBe("Người khuyết tật: miễn theo Nghị quyết HĐND tỉnh");
        (await PaymentArrange.CollectAsync(desk, code, charged.GetProperty("version").GetInt32())).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        app.WithDb(db => db.EReceipts.Count(r => r.DossierCode == code)).ShouldBe(0);
    }

    [Fact]
    public async Task Receipt_numbers_stay_gap_free_when_desks_collect_at_once_and_a_losing_collection_uses_no_number()
    {
        var (unit, desk) = await app.DeskAsync(PaymentArrange.MaritalStatus);
        var desks = new List<HttpClient> { desk };
        for (var i = 0; i < 3; i++)
        {
            desks.Add(await app.SignInAsync(await app.CreateStaffAsync(MotCua.Web.Identity.StaffRole.DeskOfficer, unit)));
        }

        var dossiers = new List<(string Code, int Version)>();
        for (var i = 0; i < 12; i++)
        {
            var code = await _arrange.ReceiveAsync(desk);
            dossiers.Add((code, (await _arrange.AddFeeAsync(desk, code)).GetProperty("version").GetInt32()));
        }

        // Every dossier collected at once by one desk, and the first one by a second desk too: one of those two loses.
        var attempts = dossiers.Select((d, i) => PaymentArrange.CollectAsync(desks[i % desks.Count], d.Code, d.Version))
            .Append(PaymentArrange.CollectAsync(desks[1], dossiers[0].Code, dossiers[0].Version)).ToList();
        var answers = await Task.WhenAll(attempts);
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(12, string.Join("; ", await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))));
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBe(1);

        var numbers = app.WithDb(db => db.EReceipts.Where(r => r.UnitPath.Contains(unit)).Select(r => r.Number).ToList()).Order().ToList();
        numbers.ShouldBe(Enumerable.Range(1, 12).ToList());
        dossiers.Sum(d => _arrange.Payments(d.Code)).ShouldBe(12);
    }

    [Fact]
    public async Task Cancelling_and_replacing_receipts_keep_them_in_the_register_with_their_reasons()
    {
        var (unit, desk) = await app.DeskAsync(PaymentArrange.MaritalStatus);
        var codes = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var code = await _arrange.ReceiveAsync(desk);
            var version = (await _arrange.AddFeeAsync(desk, code)).GetProperty("version").GetInt32();
            (await PaymentArrange.CollectAsync(desk, code, version, "Card")).StatusCode.ShouldBe(HttpStatusCode.OK);
            codes.Add(code);
        }

        var first = app.WithDb(db => db.EReceipts.Single(r => r.DossierCode == codes[0]).Id);
        var second = app.WithDb(db => db.EReceipts.Single(r => r.DossierCode == codes[1]).Id);
        (await desk.PostAsJsonAsync($"/api/v1/receipts/{first}/cancel", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var cancelled = await (await desk.PostAsJsonAsync($"/api/v1/receipts/{first}/cancel", new { reason = "Lập nhầm biên lai" })).Content.ReadFromJsonAsync<JsonElement>();
        cancelled.GetProperty("status").GetString().ShouldBe("Cancelled");
        var replaced = await (await desk.PostAsJsonAsync($"/api/v1/receipts/{second}/cancel", new { reason = "Sai tên người nộp", replace = true }))
            .Content.ReadFromJsonAsync<JsonElement>();
        replaced.GetProperty("status").GetString().ShouldBe("Replaced");
        replaced.GetProperty("replacementNumber").GetString().ShouldBe("0000003");
        (await desk.PostAsJsonAsync($"/api/v1/receipts/{first}/cancel", new { reason = "Lần nữa" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var register = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/receipts?unitCode={unit}&from={today}&to={today}");
        register.GetProperty("issued").GetInt32().ShouldBe(1);
        var items = register.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("number").GetString()).ShouldBe(["0000001", "0000002", "0000003"]);
        items.Select(i => i.GetProperty("status").GetString()).ShouldBe(["Cancelled", "Replaced", "Issued"]);
        items[0].GetProperty("statusReason").GetString().ShouldBe("Lập nhầm biên lai");
        items[2].GetProperty("replaces").GetString()!.ShouldEndWith("0000002");
        app.WithDb(db => db.AuditEvents.Count(e => e.StreamId == "EReceipt:" + first && e.Action == "receipt.cancelled")).ShouldBe(1);
    }
}
