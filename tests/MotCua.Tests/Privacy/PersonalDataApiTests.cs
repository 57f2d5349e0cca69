using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Workflow;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Integration.NationalPortal;
using MotCua.Web.Integration.Outbox;
using MotCua.Web.Privacy;
using Shouldly;

namespace MotCua.Tests.Privacy;

/// <summary>
/// Issue 17 part 5, Personal Data Protection Law 91/2025/QH15: the citizen's own data, corrections, download and account
/// deletion; the log and report of staff reads; masking in lists; retention and erasure. Its own app and database: the
/// erasure moves the clock ten years on and would erase other tests' closed dossiers.
/// </summary>
public sealed class PersonalDataApiTests(MotCuaFactory app) : IClassFixture<MotCuaFactory>
{
    private const string MaritalStatus = "1.004873";
    private const string CitizenPassword = "Mật khẩu công dân 2026";
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    [Theory]
    [InlineData("045190001234", "••••••••••34")]
    [InlineData("B1234567", "••••••67")]
    [InlineData("12345", "•••••")]
    [InlineData("", "")]
    public void An_identity_number_is_masked_to_its_last_two_characters(string id, string masked) => Mask.IdNumber(id).ShouldBe(masked);

    [Theory]
    [InlineData("0912345678", "091•••••78")]
    [InlineData("+84912345678", "+84•••••••78")]
    [InlineData(null, null)]
    public void A_phone_is_masked_to_its_network_prefix_and_last_two_digits_never_the_last_four_the_tracking_check_uses(string? phone, string? masked) =>
        Mask.Phone(phone).ShouldBe(masked);

    [Theory]
    [InlineData("2015-03-15", 10, "2026-01-01")]
    [InlineData("2026-12-31", 10, "2037-01-01")]
    [InlineData("2026-01-01", 5, "2032-01-01")]
    public void Retention_runs_in_whole_years_from_the_year_after_the_dossier_closed(string closedOn, int years, string erasableFrom) =>
        Retention.ErasableFrom(DateOnly.Parse(closedOn, System.Globalization.CultureInfo.InvariantCulture), years)
            .ShouldBe(DateOnly.Parse(erasableFrom, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_citizen_downloads_their_account_and_the_people_on_their_dossiers_as_json()
    {
        var (_, _, citizen, id) = await SubmittedAsync();
        var response = await citizen.GetAsync("/api/v1/me/personal-data");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileName!.ShouldStartWith("du-lieu-ca-nhan-");
        var data = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        data.GetProperty("account").GetProperty("fullName").GetString().ShouldBe("Trần Thị Mai");
        var dossier = data.GetProperty("dossiers").EnumerateArray().Single();
        dossier.GetProperty("id").GetString().ShouldBe(id);
        dossier.GetProperty("owner").GetProperty("idNumber").GetString().ShouldBe("045190009876");
        dossier.GetProperty("owner").GetProperty("idType").GetString().ShouldBe("CitizenId");
        dossier.GetProperty("files").EnumerateArray().Single().GetString().ShouldBe("to-khai.pdf");

        // Another citizen's download holds none of it.
        var other = await OnlineApiTests.CitizenAsync(app);
        (await other.GetStringAsync("/api/v1/me/personal-data")).ShouldNotContain("045190009876");
        (await app.Anonymous().GetAsync("/api/v1/me/personal-data")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_citizen_corrects_the_contact_details_of_their_dossier_and_the_history_names_the_fields_not_the_values()
    {
        var (_, _, citizen, id) = await SubmittedAsync();
        var corrected = await citizen.PostAsJsonAsync($"/api/v1/me/dossiers/{id}/contact",
            new { version = 0, address = "Số 5 Lê Lợi, phường Đông Hà, tỉnh Quảng Trị", phone = "0987 654 321", email = "mai@example.vn" });
        corrected.StatusCode.ShouldBe(HttpStatusCode.OK, await corrected.Content.ReadAsStringAsync());
        var owner = (await corrected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("owner");
        owner.GetProperty("phone").GetString().ShouldBe("0987654321");
        owner.GetProperty("name").GetString().ShouldBe("Trần Thị Mai");
        owner.GetProperty("idNumber").GetString().ShouldBe("045190009876");

        var entry = app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "Dossier:" + id).OrderBy(e => e.Sequence).ToList()).Last();
        entry.Action.ShouldBe("dossier.owner-contact-corrected");
        entry.After.ShouldBe("""{"Fields":["address","phone"]}""");
        entry.Before.ShouldBeNull();

        // A stale version loses (409); a bad phone is a 400 naming the field; another citizen's dossier is not found.
        await (await citizen.PostAsJsonAsync($"/api/v1/me/dossiers/{id}/contact", new { version = 0, address = "Khác", phone = (string?)null, email = (string?)null }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var bad = await (await citizen.PostAsJsonAsync($"/api/v1/me/dossiers/{id}/contact", new { version = 1, address = "Khác", phone = "12", email = (string?)null }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").TryGetProperty("owner.phone", out _).ShouldBeTrue();
        var other = await OnlineApiTests.CitizenAsync(app);
        await (await other.PostAsJsonAsync($"/api/v1/me/dossiers/{id}/contact", new { version = 1, address = "Khác" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        app.WithDb(db => db.Dossiers.Single(d => d.Id == Guid.Parse(id)).Owner.Address).ShouldBe("Số 5 Lê Lợi, phường Đông Hà, tỉnh Quảng Trị");
    }

    [Fact]
    public async Task The_desk_corrects_the_owners_identity_number_with_a_reason_and_a_specialist_may_not()
    {
        var flow = new WorkflowApiTests(app);
        var (_, desk, _, specialist, _) = await flow.ArrangeAsync();
        var code = await flow.ReceiveAsync(desk, null);
        var owner = new
        {
            name = "Nguyễn Thị Hằng",
            idType = "CitizenId",
            idNumber = "045190004321",
            address = "Thôn Hà Thượng, xã Gio Linh, tỉnh Quảng Trị",
            phone = "0912345678",
            email = "hang@example.vn",
        };
        await (await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/owner", new { version = 1, owner, reason = "Nhập sai số CCCD" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await (await desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/owner", new { version = 1, owner })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();

        var corrected = await desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/owner", new { version = 1, owner, reason = "Nhập sai số CCCD" });
        corrected.StatusCode.ShouldBe(HttpStatusCode.OK, await corrected.Content.ReadAsStringAsync());
        (await corrected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("owner").GetProperty("idNumber").GetString().ShouldBe("045190004321");
        var id = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Id);
        var entry = app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "Dossier:" + id).OrderBy(e => e.Sequence).ToList()).Last();
        entry.Action.ShouldBe("dossier.owner-corrected");
        entry.ActorRole.ShouldBe(nameof(StaffRole.DeskOfficer));
        entry.After.ShouldBe("""{"Fields":["idNumber"],"Reason":"Nhập sai số CCCD"}""");
        await (await desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/owner", new { version = 1, owner, reason = "Lần nữa" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_citizen_corrects_the_name_on_the_account()
    {
        var citizen = await OnlineApiTests.CitizenAsync(app);
        (await citizen.PostAsJsonAsync("/api/v1/me/profile", new { fullName = "Trần Thị Mai Anh" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var me = JsonDocument.Parse(await citizen.GetStringAsync("/api/v1/me/personal-data")).RootElement.GetProperty("account");
        me.GetProperty("fullName").GetString().ShouldBe("Trần Thị Mai Anh");
        app.WithDb(db => db.AuditEvents.Single(e => e.StreamId == "AppUser:" + me.GetProperty("id").GetString()).Action).ShouldBe("account.profile-corrected");
        await (await citizen.PostAsJsonAsync("/api/v1/me/profile", new { fullName = " " })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_citizen_cannot_delete_the_account_while_a_dossier_is_being_handled_and_can_once_it_has_ended()
    {
        var (_, desk, citizen, id) = await SubmittedAsync();
        var userId = JsonDocument.Parse(await citizen.GetStringAsync("/api/v1/me/personal-data")).RootElement.GetProperty("account").GetProperty("id").GetString()!;
        await (await citizen.PostAsJsonAsync("/api/v1/me/delete", new { password = "sai mật khẩu" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var open = await (await citizen.PostAsJsonAsync("/api/v1/me/delete", new { password = CitizenPassword }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        open.GetProperty("type").GetString()!.ShouldEndWith("dossier-in-progress");

        (await desk.PostAsJsonAsync($"/api/v1/online-dossiers/{id}/refuse", new { reason = "Không thuộc thẩm quyền" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await citizen.PostAsJsonAsync("/api/v1/me/delete", new { password = CitizenPassword })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        app.WithDb(db => db.Users.Any(u => u.Id == Guid.Parse(userId))).ShouldBeFalse();
        app.WithDb(db => db.UserSessions.Any(s => s.UserId == Guid.Parse(userId))).ShouldBeFalse();
        // The dossier is a record kept for its retention period; the history says the account went, not who it was.
        app.WithDb(db => db.Dossiers.Single(d => d.Id == Guid.Parse(id)).Owner.Name).ShouldBe("Trần Thị Mai");
        var deleted = app.WithDb(db => db.AuditEvents.Single(e => e.StreamId == "AppUser:" + userId));
        deleted.Action.ShouldBe("account.deleted");
        deleted.ActorName.ShouldNotContain("Trần");
        (await citizen.GetAsync("/api/v1/me/personal-data")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Every_staff_read_of_a_dossiers_personal_data_is_logged_with_who_when_and_where_and_the_lists_are_not()
    {
        var flow = new WorkflowApiTests(app);
        var (unit, desk, specialistName, specialist, _) = await flow.ArrangeAsync();
        try
        {
            var (code, _) = await flow.ReceiveAndStartAsync(desk);
            app.Clock.SetNow(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(7)));
            var id = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Id);
            (await specialist.GetAsync("/api/v1/inbox/office")).StatusCode.ShouldBe(HttpStatusCode.OK);
            Reads(id).ShouldBeEmpty();

            (await specialist.GetAsync($"/backoffice/ho-so/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await specialist.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await desk.GetAsync($"/backoffice/ho-so/{id}/phieu/tiep-nhan")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await desk.GetAsync($"/backoffice/ho-so/{id}/bieu-mau/kiem-soat")).StatusCode.ShouldBe(HttpStatusCode.OK);

            var reads = Reads(id);
            reads.Select(r => r.Place).ShouldBe([ReadPlace.Workspace, ReadPlace.Api, ReadPlace.Slip, ReadPlace.Form]);
            reads[0].ActorName.ShouldBe("Cán bộ " + specialistName);
            reads[0].ActorRole.ShouldBe(nameof(StaffRole.Specialist));
            reads[0].ActorUnitCode.ShouldBe(unit);
            reads[0].DossierCode.ShouldBe(code);
            reads[0].ReadAt.ShouldBe(new DateTime(2026, 1, 5, 3, 0, 0, DateTimeKind.Utc));
            reads[2].ActorRole.ShouldBe(nameof(StaffRole.DeskOfficer));

            // A read that finds nothing (another unit's officer) logs nothing.
            var (_, stranger) = await app.DeskAsync(MaritalStatus);
            (await stranger.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            Reads(id).Count.ShouldBe(4);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task The_read_log_is_append_only()
    {
        var flow = new WorkflowApiTests(app);
        var (_, desk, _, _, _) = await flow.ArrangeAsync();
        var code = await flow.ReceiveAsync(desk, null);
        (await desk.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        Should.Throw<Exception>(() => app.WithDb(db =>
            db.PersonalDataReads.Where(r => r.DossierCode == code).ExecuteUpdate(s => s.SetProperty(r => r.ActorName, "ai đó")))).Message.ShouldContain("append-only");
        Should.Throw<Exception>(() => app.WithDb(db => db.PersonalDataReads.Where(r => r.DossierCode == code).ExecuteDelete())).Message.ShouldContain("append-only");
        app.WithDb(db => db.PersonalDataReads.Count(r => r.DossierCode == code)).ShouldBe(1);
    }

    [Fact]
    public async Task The_access_report_lists_who_read_which_dossier_in_a_period_to_a_supervisor_of_its_unit_only()
    {
        var flow = new WorkflowApiTests(app);
        var (unit, desk, _, _, _) = await flow.ArrangeAsync();
        string code;
        try
        {
            code = await flow.ReceiveAsync(desk, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7)));
            app.Clock.SetNow(new DateTimeOffset(2026, 3, 2, 9, 5, 0, TimeSpan.FromHours(7)));
            (await desk.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            app.Clock.SetNow(new DateTimeOffset(2026, 3, 4, 16, 0, 0, TimeSpan.FromHours(7)));
            (await desk.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            app.Clock.Reset();
        }

        var supervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, unit));
        var report = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/personal-data/reads?from=2026-03-02&to=2026-03-04&dossierCode={code}");
        report.GetProperty("reads").GetInt32().ShouldBe(2);
        report.GetProperty("dossiers").GetInt32().ShouldBe(1);
        report.GetProperty("staff").GetInt32().ShouldBe(1);
        var first = report.GetProperty("rows")[0];
        first.GetProperty("readAt").GetString().ShouldBe("2026-03-02T09:05:00+07:00");
        first.GetProperty("actorRole").GetString().ShouldBe("DeskOfficer");
        first.GetProperty("place").GetString().ShouldBe("api");
        // Only the days asked for.
        (await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/personal-data/reads?from=2026-03-03&to=2026-03-03&dossierCode={code}"))
            .GetProperty("reads").GetInt32().ShouldBe(0);

        var csv = await supervisor.GetAsync($"/api/v1/personal-data/reads.csv?from=2026-03-02&to=2026-03-04&dossierCode={code}");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("thoi_diem,can_bo,ten_dang_nhap,vai_tro,don_vi,ma_ho_so,id_ho_so,noi_xem");
        lines.Length.ShouldBe(3);
        lines[1].ShouldStartWith("2026-03-02 09:05:00,");

        // A supervisor of another unit sees none of it; a desk officer may not ask; a period over a year is refused.
        var otherUnit = await app.CreateUnitAsync("000.00.00.H50");
        var stranger = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, otherUnit));
        (await stranger.GetFromJsonAsync<JsonElement>($"/api/v1/personal-data/reads?from=2026-03-02&to=2026-03-04&dossierCode={code}"))
            .GetProperty("reads").GetInt32().ShouldBe(0);
        (await desk.GetAsync("/api/v1/personal-data/reads?from=2026-03-02&to=2026-03-04")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await (await supervisor.GetAsync("/api/v1/personal-data/reads?from=2025-01-01&to=2026-03-04")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_public_tracking_answer_and_the_lists_mask_identity_and_phone_numbers_while_the_workspace_shows_them_whole()
    {
        var flow = new WorkflowApiTests(app);
        var (_, desk, _, specialist, _) = await flow.ArrangeAsync();
        try
        {
            var (code, _) = await flow.ReceiveAndStartAsync(desk);
            var tracked = await (await app.Anonymous().PostAsJsonAsync("/api/v1/tracking", new { code, check = "1234" })).Content.ReadFromJsonAsync<JsonElement>();
            tracked.GetProperty("ownerIdNumber").GetString().ShouldBe("••••••••••34");
            tracked.GetProperty("ownerPhone").GetString().ShouldBe("091•••••78");

            var inbox = await specialist.GetStringAsync("/api/v1/inbox/office");
            inbox.ShouldContain(code);
            inbox.ShouldNotContain("045190001234");
            inbox.ShouldNotContain("0912345678");

            var id = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Id);
            var workspace = await specialist.GetStringAsync($"/backoffice/ho-so/{id}");
            workspace.ShouldContain("045190001234");
            workspace.ShouldContain("0912345678");
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Personal_data_of_a_dossier_closed_in_2026_is_kept_through_2036_and_erased_on_1_January_2037_with_its_files()
    {
        var (_, desk, _, id) = await SubmittedAsync();
        (await desk.PostAsJsonAsync($"/api/v1/online-dossiers/{id}/refuse", new { reason = "Không thuộc thẩm quyền" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Id == Guid.Parse(id)));
        var file = Path.Combine(app.Services.GetRequiredService<FileStoreOptions>().Directory, before.Files.Single().StoragePath);
        File.Exists(file).ShouldBeTrue();
        // The owner had been vouched for by the national identity when the citizen submitted.
        app.WithDb(db =>
        {
            db.DossierOwnerVerifications.Add(new MotCua.Web.CitizenIdentity.DossierOwnerVerification
            {
                DossierId = before.Id,
                Issuer = "https://sso.dichvucong.example",
                Subject = "045190009876",
                BirthDate = new DateOnly(1990, 5, 17),
                VerifiedAt = before.SubmittedAt ?? DateTime.UtcNow,
            });
            return db.SaveChanges();
        });
        // The owner's notices (submitted, refused) went out by SMS and email; a portal snapshot of the owner failed for good (a dead letter).
        var topics = new[] { "Dossier:" + id, PortalSync.Topic(before.Id) };
        var portalMessage = app.WithDb(db =>
        {
            var message = new OutboxMessage
            {
                Channel = NotificationChannel.Portal,
                Recipient = PortalSync.Recipient,
                Subject = "000.00.00.H50-260101-0001",
                Body = """{"Dossier":{"ChuHoSo":"Trần Thị Mai","SoGiayToChuHoSo":"045190009876"}}""",
                Topic = PortalSync.Topic(before.Id),
                CreatedAt = DateTime.UtcNow,
                NextAttemptAt = DateTime.UtcNow,
                GaveUpAt = DateTime.UtcNow,
            };
            db.OutboxMessages.Add(message);
            db.SaveChanges();
            return message.Id;
        });
        var notices = app.WithDb(db => db.OutboxMessages.AsNoTracking().Where(m => m.Topic == "Dossier:" + id).ToList());
        notices.Select(m => m.Channel).Distinct().Order().ShouldBe([NotificationChannel.Email, NotificationChannel.Sms]);
        notices.ShouldAllBe(m => m.Recipient != "" && m.Body != "");
        try
        {
            // Ten years by default, counted in whole years from 2027: kept through 31/12/2036.
            app.Clock.SetNow(new DateTimeOffset(2036, 12, 31, 23, 59, 0, TimeSpan.FromHours(7)));
            await PurgeAsync();
            app.WithDb(db => db.Dossiers.Single(d => d.Id == Guid.Parse(id)).PersonalDataErasedAt).ShouldBeNull();

            app.Clock.SetNow(new DateTimeOffset(2037, 1, 1, 0, 0, 0, TimeSpan.FromHours(7)));
            (await PurgeAsync()).ShouldBeGreaterThanOrEqualTo(1);
            (await PurgeAsync()).ShouldBe(0);
        }
        finally
        {
            app.Clock.Reset();
        }

        var after = app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Id == Guid.Parse(id)));
        after.PersonalDataErasedAt.ShouldBe(new DateTime(2036, 12, 31, 17, 0, 0, DateTimeKind.Utc));
        after.Owner.ShouldBe(new Party("", IdentityDocument.Other, "", "", null, null));
        after.Submitter.ShouldBeNull();
        after.Summary.ShouldBeNull();
        after.CitizenAccountId.ShouldBeNull();
        after.Files.ShouldBeEmpty();
        File.Exists(file).ShouldBeFalse();
        app.WithDb(db => db.DossierOwnerVerifications.Count(v => v.DossierId == before.Id)).ShouldBe(0);
        // The outbox keeps that a message was sent and when, but not to whom or what it said; the dead letter cannot be re-sent empty.
        var erased = app.WithDb(db => db.OutboxMessages.AsNoTracking().Where(m => topics.Contains(m.Topic)).ToList());
        erased.Count.ShouldBe(notices.Count + 1);
        erased.ShouldAllBe(m => m.Recipient == "" && m.Body == "");
        erased.ShouldAllBe(m => m.DeliveredAt != null || m.GaveUpAt != null);
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.SystemAdmin, "000.00.00.H50"));
        var resend = await admin.PostAsync($"/api/v1/national-portal/messages/{portalMessage}/resend", null);
        resend.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await resend.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()!.ShouldContain("đã bị xóa khi hết thời hạn lưu trữ");
        // What the statistics need stays.
        after.State.ShouldBe(before.State);
        after.ProcedureCode.ShouldBe(before.ProcedureCode);
        after.ClosedAt.ShouldBe(before.ClosedAt);
        after.HandlingUnitPath.ShouldBe(before.HandlingUnitPath);
        after.Reason.ShouldBe(before.Reason);

        var entry = app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "Dossier:" + id).OrderBy(e => e.Sequence).ToList()).Last();
        entry.Action.ShouldBe("dossier.personal-data-erased");
        entry.ActorName.ShouldBe("system");
        entry.After!.ShouldContain("\"RetentionYears\":10");
        entry.After!.ShouldContain("\"ErasableFrom\":\"2037-01-01\"");
        entry.After!.ShouldContain("\"IdentityVerificationsErased\":1");
        entry.After!.ShouldContain($"\"MessagesErased\":{notices.Count + 1}");
        entry.After!.ShouldNotContain("Trần");
        entry.After!.ShouldNotContain("045190009876");
    }

    [Fact]
    public async Task A_procedure_keeps_its_dossiers_for_the_period_its_unit_administrator_sets()
    {
        var admin = await app.SignInAsync("sysadmin");
        await (await admin.PutAsJsonAsync($"/api/v1/catalog/procedures/{MaritalStatus}/retention", new { years = 0 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var set = await admin.PutAsJsonAsync($"/api/v1/catalog/procedures/{MaritalStatus}/retention",
            new { years = 5, basis = "Danh mục hồ sơ của cơ quan" });
        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "Procedure:" + MaritalStatus).OrderBy(e => e.Sequence).ToList().Last().Action)
            .ShouldBe("procedure.retention-set");
        var (unit, _) = await app.DeskAsync(MaritalStatus);
        await (await (await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, unit)))
            .PutAsJsonAsync($"/api/v1/catalog/procedures/{MaritalStatus}/retention", new { years = 1 })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        try
        {
            var (_, desk, _, id) = await SubmittedAsync();
            (await desk.PostAsJsonAsync($"/api/v1/online-dossiers/{id}/refuse", new { reason = "Không thuộc thẩm quyền" })).StatusCode.ShouldBe(HttpStatusCode.OK);

            app.Clock.SetNow(new DateTimeOffset(2031, 12, 31, 12, 0, 0, TimeSpan.FromHours(7)));
            await PurgeAsync();
            app.WithDb(db => db.Dossiers.Single(d => d.Id == Guid.Parse(id)).PersonalDataErasedAt).ShouldBeNull();
            app.Clock.SetNow(new DateTimeOffset(2032, 1, 1, 8, 0, 0, TimeSpan.FromHours(7)));
            await PurgeAsync();
            app.WithDb(db => db.Dossiers.Single(d => d.Id == Guid.Parse(id)).Owner.Name).ShouldBe("");
        }
        finally
        {
            app.Clock.Reset();
            app.WithDb(db => db.Procedures.Where(p => p.Code == MaritalStatus).ExecuteUpdate(s => s.SetProperty(p => p.RetentionYears, (int?)null)));
        }
    }

    private async Task<int> PurgeAsync()
    {
        using var scope = app.Services.CreateScope();
        return await PurgeExpiredPersonalData.RunAsync(scope.ServiceProvider, CancellationToken.None);
    }

    private List<PersonalDataRead> Reads(Guid dossierId) =>
        app.WithDb(db => db.PersonalDataReads.Where(r => r.DossierId == dossierId).OrderBy(r => r.Id).ToList());

    /// <summary>An online dossier with one file, from a citizen of its own, waiting at a new commune's desk.</summary>
    private async Task<(string Unit, HttpClient Desk, HttpClient Citizen, string Id)> SubmittedAsync()
    {
        var (unit, desk) = await app.DeskAsync(MaritalStatus);
        var citizen = await OnlineApiTests.CitizenAsync(app);
        var submitted = await citizen.PostAsync("/api/v1/online-dossiers", OnlineApiTests.Multipart(OnlineApiTests.Body(unit), ("component-0", "to-khai.pdf", Pdf)));
        submitted.StatusCode.ShouldBe(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        return (unit, desk, citizen, (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
    }
}
