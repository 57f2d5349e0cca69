using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Ratings;
using MotCua.Web.Identity;
using MotCua.Web.Integration.Outbox;
using Shouldly;

namespace MotCua.Tests.NationalPortal;

/// <summary>The demo and a new installation: no portal configured. The desk works, and the sync waits without using attempts.</summary>
[Collection(AppCollection.Name)]
public sealed class PortalNotConfiguredTests(MotCuaFactory app)
{
    [Fact]
    public async Task Without_a_portal_address_the_dossier_is_received_and_its_sync_message_waits_untried()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var code = await f.ReceivedAsync();
        using (var scope = app.Services.CreateScope())
        {
            await OutboxWorker.DeliverDueAsync(scope.ServiceProvider, CancellationToken.None);
        }

        var message = app.WithDb(db => db.OutboxMessages.AsNoTracking().Single(m => m.Channel == NotificationChannel.Portal && m.Subject == code));
        message.Attempts.ShouldBe(0);
        message.DeliveredAt.ShouldBeNull();
        message.GaveUpAt.ShouldBeNull();

        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.SystemAdmin, "000.00.00.H50"));
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/national-portal/messages?status=pending");
        list.GetProperty("configured").GetBoolean().ShouldBeFalse();
        list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("dossierCode").GetString() == code).GetProperty("nationalStatus").GetInt32().ShouldBe(2);
        (await f.Desk.GetAsync("/api/v1/national-portal/messages")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
    }
}
