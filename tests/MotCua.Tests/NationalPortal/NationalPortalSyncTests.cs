using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Ratings;
using MotCua.Web.Identity;
using MotCua.Web.Integration.Outbox;
using Shouldly;

namespace MotCua.Tests.NationalPortal;

/// <summary>Dossier sync with the national portal simulator, a process of its own that checks every payload and fails on request.</summary>
public sealed class NationalPortalSyncTests(NationalPortalFactory app) : IClassFixture<NationalPortalFactory>
{
    private OutboxMessage[] Messages(string code) =>
        app.WithDb(db => db.OutboxMessages.AsNoTracking().Where(m => m.Channel == NotificationChannel.Portal && m.Subject == code).OrderBy(m => m.Id).ToArray());

    private async Task<JsonElement> ActAsync(HttpClient client, string code, string action, object body)
    {
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var response = await client.PostAsJsonAsync($"/api/v1/dossiers/{code}/{action}", body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Received at the counter (2), declined by the leader (9), handed back (10), a few minutes apart.</summary>
    private async Task<string> ThreeStatusesAsync(RatingFixtures f, Func<string, Task>? beforeChanges = null)
    {
        var code = await f.ReceivedAsync();
        if (beforeChanges is not null)
        {
            await beforeChanges(code);
        }

        var declined = await ActAsync(f.Leader, code, "decline", new { version = 1, reason = "Không đủ điều kiện" });
        await ActAsync(f.Desk, code, "return", new { version = declined.GetProperty("version").GetInt32() });
        return code;
    }

    [Fact]
    public async Task A_received_declined_and_returned_dossier_reaches_the_portal_as_three_checked_messages_in_order_each_acknowledged()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        try
        {
            var code = await ThreeStatusesAsync(f);
            await app.DeliverAsync();

            var accepted = await app.Portal.AcceptedAsync(code);
            accepted.Select(a => a.Status).ShouldBe([2, 9, 10]);
            accepted.Select(a => a.IsUpdating).ShouldBe([false, true, true]);
            accepted.ShouldAllBe(a => a.Madonvi == f.Unit);
            var first = accepted[0].Dossier;
            first.GetProperty("MaTTHC").GetString().ShouldBe(RatingFixtures.MaritalStatus);
            first.GetProperty("KenhThucHien").GetInt32().ShouldBe(1);
            first.GetProperty("LoaiDoiTuong").GetInt32().ShouldBe(1);
            first.GetProperty("DonViXuLy").GetString().ShouldStartWith("Xã Thử Nghiệm");
            first.GetProperty("TenLinhVuc").GetString().ShouldNotBeNullOrEmpty();
            var received = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).ReceivedAt!.Value);
            first.GetProperty("NgayTiepNhan").GetString().ShouldBe(received.AddHours(7).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
            accepted[2].Dossier.GetProperty("NgayTra").GetString()!.ShouldMatch(@"^\d{14}$");
            accepted[1].Dossier.GetProperty("QuaTrinhXuLy")[0].GetProperty("NoiDungXuLy").GetString().ShouldBe("Đã xử lý xong");

            var messages = Messages(code);
            messages.ShouldAllBe(m => m.DeliveredAt != null && m.Attempts == 1);
            var acks = app.WithDb(db => db.PortalAcknowledgements.Where(a => a.DossierCode == code).OrderBy(a => a.OutboxMessageId).ToList());
            acks.Select(a => a.Status).ShouldBe([2, 9, 10]);
            acks.Select(a => a.Reference).ShouldBe(accepted.Select(a => a.Reference));
            acks.Select(a => a.OutboxMessageId).ShouldBe(messages.Select(m => m.Id));
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_later_status_waits_while_the_earlier_one_fails_and_follows_it_once_the_portal_took_it()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        try
        {
            // Both calls of the first attempt (the call and its one retry) answer 503.
            var code = await ThreeStatusesAsync(f, c => app.Portal.FailAsync("503", 2, c));
            await app.DeliverAsync();

            (await app.Portal.AcceptedAsync(code)).ShouldBeEmpty();
            (await app.Portal.RequestsAsync(code)).Select(r => r.Outcome).ShouldBe(["503", "503"]);
            var messages = Messages(code);
            messages[0].Attempts.ShouldBe(1);
            messages[0].LastError!.ShouldContain("503");
            messages[1..].ShouldAllBe(m => m.Attempts == 0 && m.DeliveredAt == null, "the later statuses were not sent before the first");

            app.Clock.Advance(TimeSpan.FromSeconds(31));
            await app.DeliverAsync();
            (await app.Portal.AcceptedAsync(code)).Select(a => a.Status).ShouldBe([2, 9, 10]);
            Messages(code).ShouldAllBe(m => m.DeliveredAt != null);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_refused_message_is_a_dead_letter_at_once_holds_back_its_dossier_and_flows_again_once_re_sent()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.SystemAdmin, "000.00.00.H50"));
        try
        {
            var code = await ThreeStatusesAsync(f, c => app.Portal.FailAsync("reject", 1, c));
            await app.DeliverAsync();
            var messages = Messages(code);
            messages[0].GaveUpAt.ShouldNotBeNull();
            messages[0].LastError!.ShouldContain("mã 02");

            var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/national-portal/messages?status=dead");
            list.GetProperty("configured").GetBoolean().ShouldBeTrue();
            var dead = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("dossierCode").GetString() == code);
            dead.GetProperty("id").GetInt64().ShouldBe(messages[0].Id);
            dead.GetProperty("nationalStatus").GetInt32().ShouldBe(2);
            var all = await admin.GetFromJsonAsync<JsonElement>("/api/v1/national-portal/messages");
            all.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("dossierCode").GetString() == code && i.GetProperty("waiting").GetBoolean())
                .Select(i => i.GetProperty("nationalStatus").GetInt32()).ShouldBe([10, 9]);

            var early = await admin.PostAsync($"/api/v1/national-portal/messages/{messages[1].Id}/resend", null);
            early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await early.Content.ReadAsStringAsync()).ShouldContain("portal-message-not-dead");
            (await admin.PostAsync($"/api/v1/national-portal/messages/{long.MaxValue}/resend", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

            var resent = await admin.PostAsync($"/api/v1/national-portal/messages/{messages[0].Id}/resend", null);
            resent.StatusCode.ShouldBe(HttpStatusCode.OK, await resent.Content.ReadAsStringAsync());
            app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "OutboxMessage:" + messages[0].Id).Select(e => e.Action).ToList()).ShouldBe(["portal.resent"]);
            await app.DeliverAsync();
            (await app.Portal.AcceptedAsync(code)).Select(a => a.Status).ShouldBe([2, 9, 10]);
            (await admin.PostAsync($"/api/v1/national-portal/messages/{messages[0].Id}/resend", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_portal_that_keeps_failing_makes_a_dead_letter_after_the_maximum_attempts_with_growing_waits()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        try
        {
            var code = await f.ReceivedAsync();
            await app.Portal.FailAsync("503", -1, code);
            var waits = new List<TimeSpan>();
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                await app.DeliverAsync();
                var message = Messages(code).Single();
                message.Attempts.ShouldBe(attempt);
                waits.Add(message.NextAttemptAt - app.Clock.GetUtcNow().UtcDateTime);
                app.Clock.Advance(TimeSpan.FromHours(1));
            }

            var dead = Messages(code).Single();
            dead.GaveUpAt.ShouldNotBeNull();
            dead.DeliveredAt.ShouldBeNull();
            // 30 s, then 1 min, from the start of the round (the clock runs on while the round's calls are made).
            waits[0].TotalSeconds.ShouldBeInRange(20, 30);
            waits[1].TotalSeconds.ShouldBeInRange(50, 60);
            (await app.Portal.RequestsAsync(code)).Count.ShouldBe(6); // three attempts, each a call and its retry
            await app.DeliverAsync();
            (await app.Portal.RequestsAsync(code)).Count.ShouldBe(6, "a dead letter is not tried again");
        }
        finally
        {
            await app.Portal.ResetAsync();
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_portal_that_hangs_times_out_each_call_and_the_message_goes_later()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        try
        {
            var code = await f.ReceivedAsync();
            await app.Portal.FailAsync("timeout", 2, code, seconds: 5);
            var delivery = Stopwatch.StartNew();
            await app.DeliverAsync();
            delivery.Stop();
            var message = Messages(code).Single();
            message.DeliveredAt.ShouldBeNull();
            message.Attempts.ShouldBe(1);
            message.LastError!.ShouldContain("Timeout");
            delivery.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "each call gives up after its timeout of a second");

            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await app.DeliverAsync();
            (await app.Portal.AcceptedAsync(code)).Select(a => a.Status).ShouldBe([2]);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task An_ended_session_is_replaced_by_a_new_login_and_the_message_goes_through()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var code = await f.ReceivedAsync();
        await app.Portal.ExpireSessionsAsync();
        await app.DeliverAsync();
        (await app.Portal.AcceptedAsync(code)).Select(a => a.Status).ShouldBe([2]);
        Messages(code).Single().Attempts.ShouldBe(1);
    }
}
