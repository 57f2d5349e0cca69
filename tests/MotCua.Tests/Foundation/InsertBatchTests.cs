using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Infrastructure;
using MotCua.Web;
using MotCua.Web.Dossiers;
using MotCua.Web.Integration.Outbox;
using MotCua.Web.Platform.Database;
using Shouldly;

namespace MotCua.Tests.Foundation;

/// <summary>The intake's rows go through <c>InsertBatch</c>, not EF's update pipeline: they must read back exactly as EF would have written them.</summary>
[Collection(AppCollection.Name)]
public sealed class InsertBatchTests(MotCuaFactory app)
{
    private const string MaritalStatus = "1.004873";

    [Fact]
    public async Task A_postal_intake_with_a_submitter_and_two_components_reads_back_field_by_field()
    {
        var (unit, desk) = await app.DeskAsync(MaritalStatus);
        var delivered = app.Clock.GetUtcNow().AddHours(-2);
        var response = await desk.PostAsJsonAsync("/api/v1/dossiers", new
        {
            procedureCode = MaritalStatus,
            channel = "Postal",
            ownerKind = "Citizen",
            owner = new { name = "Nguyễn Thị Hằng", idType = "CitizenId", idNumber = "045190001234", address = "Thôn Hà Thượng, xã Gio Linh", phone = "0912345678" },
            submitter = new { name = "Trần Văn Bình", idType = "Passport", idNumber = "C1234567", address = "Phường Đông Lễ, Đông Hà", email = "binh@example.vn" },
            sets = 2,
            components = new[]
            {
                new { name = "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", originals = 1, certifiedCopies = 0, copies = 0 },
                new { name = "Bản sao giấy tờ tùy thân", originals = 0, certifiedCopies = 1, copies = 2 },
            },
            postal = new { waybill = "EB123456789VN", deliveredAt = delivered, returnByPost = true },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var dossier = app.WithDb(db => db.Dossiers.AsNoTracking().Include(d => d.Components).Single(d => d.Id == id));
        dossier.Code.ShouldStartWith(unit + "-");
        dossier.State.ShouldBe(DossierState.Received);
        dossier.Channel.ShouldBe(MotCua.Web.Catalog.Channel.Postal);
        dossier.Version.ShouldBe(1);
        dossier.Sets.ShouldBe(2);
        dossier.Owner.ShouldBe(new Party("Nguyễn Thị Hằng", IdentityDocument.CitizenId, "045190001234", "Thôn Hà Thượng, xã Gio Linh", "0912345678", null));
        dossier.Submitter.ShouldBe(new Party("Trần Văn Bình", IdentityDocument.Passport, "C1234567", "Phường Đông Lễ, Đông Hà", null, "binh@example.vn"));
        dossier.PostalWaybill.ShouldBe("EB123456789VN");
        dossier.ReturnByPost.ShouldBeTrue();
        dossier.ReceivedAt.ShouldBe(DossierTime.ToSecond(delivered.UtcDateTime));
        dossier.Components.OrderBy(c => c.Name).Select(c => (c.Name, c.Originals, c.CertifiedCopies, c.Copies)).ShouldBe(
        [
            ("Bản sao giấy tờ tùy thân", 0, 1, 2),
            ("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", 1, 0, 0),
        ]);
        app.WithDb(db => db.OutboxMessages.Where(m => m.Topic == "Dossier:" + id).Select(m => m.Channel).ToList()).ShouldBe([NotificationChannel.Sms]);
        app.WithDb(db => db.Set<MotCua.Web.Reporting.DossierMilestone>().Count(m => m.DossierId == id)).ShouldBe(1);

        // The history entry written in the batch still chains onto the rest.
        var admin = await app.SignInAsync("sysadmin");
        var verify = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        verify.GetProperty("intact").GetBoolean().ShouldBeTrue(verify.ToString());
    }

    [Fact]
    public async Task A_unit_of_work_that_changes_an_existing_row_is_refused_and_writes_nothing()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        var topic = "InsertBatchTests:" + Guid.NewGuid();
        var unit = await db.Units.OrderBy(u => u.Id).FirstAsync();
        unit.Name += " (đổi)";
        db.OutboxMessages.Add(new OutboxMessage
        {
            Channel = NotificationChannel.Email,
            Recipient = "a@example.vn",
            Subject = "s",
            Body = "b",
            Topic = topic,
            CreatedAt = DateTime.UtcNow,
            NextAttemptAt = DateTime.UtcNow,
        });

        await Should.ThrowAsync<InvalidOperationException>(() => InsertBatch.SaveAsync(db, [], CancellationToken.None));
        app.WithDb(other => other.OutboxMessages.Count(m => m.Topic == topic)).ShouldBe(0);
    }
}
