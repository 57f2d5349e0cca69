using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Ratings;
using MotCua.Web;
using MotCua.Web.Identity;
using MotCua.Web.Integration.Outbox;
using Shouldly;

namespace MotCua.Tests.Integration;

/// <summary>Notices through a real SMTP server and the SMS gateway simulator, each running as its own process.</summary>
public sealed class NoticeDeliveryTests(NoticesFactory app) : IClassFixture<NoticesFactory>
{
    private async Task DeliverAsync()
    {
        using var scope = app.Services.CreateScope();
        await OutboxWorker.DeliverDueAsync(scope.ServiceProvider, CancellationToken.None);
    }

    private async Task<long> QueueSmsAsync(string phone, string text)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var message = scope.ServiceProvider.GetRequiredService<Outbox>().Message(NotificationChannel.Sms, phone, "Hồ sơ", text, "Test:" + Guid.NewGuid(),
            "Notice.SupplementRequested");
        db.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    private OutboxMessage Row(long id) => app.WithDb(db => db.OutboxMessages.AsNoTracking().Single(m => m.Id == id));

    [Fact]
    public async Task A_received_and_a_returned_dossier_reach_the_owner_by_email_over_SMTP_and_by_SMS_with_their_template_ids()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var code = await f.ReturnedAsync();
        await DeliverAsync();

        var mails = app.Smtp.Received().Where(m => (m.TextBody ?? "").Contains(code, StringComparison.Ordinal)).ToList();
        mails.Count.ShouldBe(3); // received, declined (ended), returned
        mails.ShouldAllBe(m => m.To.Mailboxes.Single().Address == "hang@example.vn" && m.From.Mailboxes.Single().Address == "motcua@giolinh.example.vn");
        mails.ShouldContain(m => m.Subject == "MotCua — thông báo về hồ sơ" && (m.TextBody ?? "").Contains("đã được tiếp nhận", StringComparison.Ordinal));
        mails.ShouldContain(m => (m.TextBody ?? "").Contains($"https://motcua.example.vn/danh-gia?ma={code}&qua=thong-bao", StringComparison.Ordinal));

        var sms = (await app.Sms.ReceivedAsync()).Where(m => m.Text.Contains(code, StringComparison.Ordinal)).ToList();
        sms.Count.ShouldBe(3);
        sms.ShouldAllBe(m => m.To == "0912345678" && m.Seen == 1);
        sms.Select(m => m.TemplateId).ShouldBe(["MC_TIEP_NHAN", "MOTCUA", "MC_TRA_KET_QUA"], ignoreOrder: true);
        sms.Single(m => m.TemplateId == "MC_TRA_KET_QUA").Text.ShouldContain($"https://motcua.example.vn/danh-gia?ma={code}&qua=thong-bao");
    }

    [Fact]
    public async Task A_node_killed_after_the_gateway_took_the_SMS_leaves_it_to_be_sent_again_and_the_person_gets_it_once()
    {
        var text = "Hồ sơ cần bổ sung " + Guid.NewGuid();
        var id = await QueueSmsAsync("0912000111", text);
        // What a node killed with -9 in mid-delivery leaves: it claimed the row (lease and attempt), the gateway took the
        // SMS, and the node died before writing that it was delivered.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
            var leaseUntil = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(2);
            await db.OutboxMessages.Where(m => m.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, leaseUntil).SetProperty(m => m.Attempts, 1));
            await scope.ServiceProvider.GetRequiredService<INotificationSink>().SendAsync(Row(id), CancellationToken.None);
        }

        try
        {
            await DeliverAsync();
            Row(id).DeliveredAt.ShouldBeNull("the dead node's lease still holds");
            app.Clock.Advance(TimeSpan.FromMinutes(3));
            await DeliverAsync();
            var row = Row(id);
            row.DeliveredAt.ShouldNotBeNull();
            row.Attempts.ShouldBe(2);
        }
        finally
        {
            app.Clock.Reset();
        }

        var sent = (await app.Sms.ReceivedAsync()).Single(m => m.Text == text);
        sent.Seen.ShouldBe(2, "the gateway got it twice");
        sent.To.ShouldBe("0912000111");
    }

    [Fact]
    public async Task An_answer_lost_on_the_way_back_is_retried_and_the_gateway_drops_the_repeat_by_its_key()
    {
        var text = "Hồ sơ cần bổ sung " + Guid.NewGuid();
        await app.Sms.DropAnswersAsync("0912000222", 1);
        var id = await QueueSmsAsync("0912000222", text);
        try
        {
            await DeliverAsync();
            Row(id).DeliveredAt.ShouldBeNull();
            Row(id).LastError.ShouldNotBeNull();
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            await DeliverAsync();
            Row(id).DeliveredAt.ShouldNotBeNull();
        }
        finally
        {
            app.Clock.Reset();
        }

        (await app.Sms.ReceivedAsync()).Where(m => m.Text == text).ShouldHaveSingleItem().Seen.ShouldBe(2);
    }

    [Fact]
    public async Task A_gateway_that_stays_down_makes_a_dead_letter_which_an_administrator_sees_and_re_sends_once_with_history()
    {
        var text = "Hồ sơ cần bổ sung " + Guid.NewGuid();
        var id = await QueueSmsAsync("0912000333", text);
        await app.Sms.FailAsync("0912000333", 3);
        try
        {
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                await DeliverAsync();
                Row(id).Attempts.ShouldBe(attempt);
                app.Clock.Advance(TimeSpan.FromMinutes(10));
            }
        }
        finally
        {
            app.Clock.Reset();
        }

        var dead = Row(id);
        dead.GaveUpAt.ShouldNotBeNull();
        dead.LastError!.ShouldContain("503");

        var desk = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, await app.CreateUnitAsync("000.00.00.H50")));
        (await desk.GetAsync("/api/v1/notices?status=dead")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await desk.PostAsync($"/api/v1/notices/{id}/resend", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.SystemAdmin, "000.00.00.H50"));
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/notices?status=dead");
        var item = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == id);
        item.GetProperty("recipient").GetString().ShouldBe("•••••••333");
        item.GetProperty("attempts").GetInt32().ShouldBe(3);
        list.GetProperty("counts").GetProperty("Dead").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        await (await admin.GetAsync("/api/v1/notices?status=lost")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        (await admin.PostAsync($"/api/v1/notices/{id}/resend", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await admin.PostAsync($"/api/v1/notices/{id}/resend", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsync("/api/v1/notices/999999999/resend", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "OutboxMessage:" + id).Select(e => e.Action).ToList()).ShouldBe(["notice.resent"]);

        await DeliverAsync();
        Row(id).DeliveredAt.ShouldNotBeNull();
        (await app.Sms.ReceivedAsync()).Where(m => m.Text == text).ShouldHaveSingleItem().Seen.ShouldBe(1);
    }

    [Fact]
    public async Task A_gateway_down_twice_is_retried_after_its_back_off_and_not_before_until_it_accepts()
    {
        var text = "Vui lòng bổ sung hồ sơ " + Guid.NewGuid();
        var id = await QueueSmsAsync("0912000444", text);
        await app.Sms.FailAsync("0912000444", 2);
        try
        {
            for (var attempt = 1; attempt <= 2; attempt++)
            {
                await DeliverAsync();
                Row(id).Attempts.ShouldBe(attempt);
                Row(id).DeliveredAt.ShouldBeNull();
                // Within its back-off the message waits.
                await DeliverAsync();
                Row(id).Attempts.ShouldBe(attempt);
                app.Clock.Advance(TimeSpan.FromMinutes(10));
            }

            await DeliverAsync();
            Row(id).DeliveredAt.ShouldNotBeNull();
            Row(id).Attempts.ShouldBe(3);
        }
        finally
        {
            app.Clock.Reset();
        }

        (await app.Sms.ReceivedAsync()).Where(m => m.Text == text).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_number_the_gateway_refuses_is_a_dead_letter_at_once_without_retrying()
    {
        var id = await QueueSmsAsync("12345", "Hồ sơ " + Guid.NewGuid());
        await DeliverAsync();
        var row = Row(id);
        row.GaveUpAt.ShouldNotBeNull();
        row.Attempts.ShouldBe(1);
        row.LastError!.ShouldContain("400");
    }

    [Fact]
    public async Task A_citizen_who_chose_email_only_gets_no_SMS_and_one_who_chose_none_gets_nothing()
    {
        var (unit, _) = await app.DeskAsync(RatingFixtures.MaritalStatus);
        var citizen = await OnlineApiTests.CitizenAsync(app);
        (await citizen.GetFromJsonAsync<JsonElement>("/api/v1/me/notice-channels")).GetProperty("sms").GetBoolean().ShouldBeTrue();
        (await citizen.PutAsJsonAsync("/api/v1/me/notice-channels", new { email = true, sms = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var emailOnly = await SubmitAsync(citizen, unit);
        Channels(emailOnly).ShouldBe([NotificationChannel.Email]);

        (await citizen.PutAsJsonAsync("/api/v1/me/notice-channels", new { email = false, sms = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        Channels(await SubmitAsync(citizen, unit)).ShouldBeEmpty();

        var user = app.WithDb(db => db.Dossiers.Where(d => d.Id == Guid.Parse(emailOnly)).Select(d => d.CitizenAccountId!.Value).Single());
        app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "AppUser:" + user).Select(e => e.Action).ToList())
            .ShouldBe(["notice-channels.chosen", "notice-channels.chosen"]);
        (await app.Anonymous().GetAsync("/api/v1/me/notice-channels")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<string> SubmitAsync(HttpClient citizen, string unit)
    {
        var response = await citizen.PostAsJsonAsync("/api/v1/online-dossiers", OnlineApiTests.Body(unit));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private List<NotificationChannel> Channels(string dossierId) =>
        app.WithDb(db => db.OutboxMessages.Where(m => m.Topic == "Dossier:" + dossierId).Select(m => m.Channel).ToList());
}
