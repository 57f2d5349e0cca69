using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Ratings;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Feedback;

/// <summary>
/// Feedback and petitions: intake on the portal, at the counter and from the hotline; assignment with a due date in working
/// days on the unit's calendar (15 working days, Tết 2026 skipped); the answer published without personal data; statistics.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PetitionApiTests(MotCuaFactory app)
{
    private static DateTimeOffset Vn(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(7));

    private static object Portal(string unit, string? kind = null, string? dossierCode = null, string? check = null, bool publish = true) => new
    {
        senderName = "Trần Văn Bình",
        senderPhone = "0905123456",
        senderEmail = "binh@example.vn",
        content = "Cán bộ yêu cầu nộp thêm giấy tờ không có trong danh mục thành phần hồ sơ.",
        unitCode = unit,
        kind,
        procedureCode = RatingFixtures.MaritalStatus,
        dossierCode,
        dossierCheck = check,
        agreesToPublish = publish,
    };

    [Fact]
    public async Task A_portal_petition_is_assigned_due_fifteen_working_days_after_receipt_across_Tet_and_answered_on_time_in_public_without_personal_data()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var specialistName = await app.CreateStaffAsync(StaffRole.Specialist, f.Unit);
        var specialist = await app.SignInAsync(specialistName);
        try
        {
            // Received Fri 13/02/2026 10:00; Tết 16–20/02 is off: 15 working days end Fri 13/03/2026 10:00.
            app.Clock.SetNow(Vn(2026, 2, 13, 10));
            var sent = await app.Anonymous().PostAsJsonAsync("/api/v1/petitions", Portal(f.Unit, kind: "Conduct"));
            sent.StatusCode.ShouldBe(HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
            var reference = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;

            app.Clock.SetNow(Vn(2026, 2, 23, 8));
            (await f.Desk.PostAsJsonAsync($"/api/v1/petitions/{reference}/assign", new { version = 0, assigneeUserName = specialistName }))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            var assigned = await f.Leader.PostAsJsonAsync($"/api/v1/petitions/{reference}/assign", new { version = 0, kind = "Conduct", assigneeUserName = specialistName });
            assigned.StatusCode.ShouldBe(HttpStatusCode.OK, await assigned.Content.ReadAsStringAsync());
            var view = await assigned.Content.ReadFromJsonAsync<JsonElement>();
            view.GetProperty("dueAt").GetString().ShouldBe("2026-03-13T10:00:00+07:00");
            view.GetProperty("overdue").GetBoolean().ShouldBeFalse();

            var leaking = await (await specialist.PostAsJsonAsync($"/api/v1/petitions/{reference}/answer",
                new { version = 1, answer = "Đã chấn chỉnh cán bộ.", publicAnswer = "Trả lời ông Trần Văn Bình, số 0905 123 456: đã chấn chỉnh." }))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            leaking.GetProperty("errors").GetProperty("publicAnswer")[0].GetString()!.ShouldStartWith("Nội dung công khai không được chứa thông tin cá nhân");

            app.Clock.SetNow(Vn(2026, 3, 13, 9));
            var answered = await specialist.PostAsJsonAsync($"/api/v1/petitions/{reference}/answer", new
            {
                version = 1,
                answer = "Ủy ban đã kiểm tra và chấn chỉnh cán bộ tiếp nhận.",
                publicAnswer = "Thành phần hồ sơ thực hiện theo danh mục công bố; cán bộ tiếp nhận đã được chấn chỉnh.",
            });
            answered.StatusCode.ShouldBe(HttpStatusCode.OK, await answered.Content.ReadAsStringAsync());
            (await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answeredOnTime").GetBoolean().ShouldBeTrue();

            var published = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/petitions/published");
            var item = published.EnumerateArray().Single(p => p.GetProperty("reference").GetString() == reference);
            item.GetProperty("answer").GetString().ShouldBe("Thành phần hồ sơ thực hiện theo danh mục công bố; cán bộ tiếp nhận đã được chấn chỉnh.");
            item.GetRawText().ShouldNotContain("Bình");
            item.GetRawText().ShouldNotContain("0905123456");

            // The sender hears the answer by SMS and email.
            var id = app.WithDb(db => db.Petitions.Where(p => p.Reference == reference).Select(p => p.Id).Single());
            app.WithDb(db => db.OutboxMessages.Count(m => m.Topic == "Petition:" + id)).ShouldBe(2);
            app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "Petition:" + id).OrderBy(e => e.Sequence).Select(e => e.Action).ToList())
                .ShouldBe(["petition.received", "petition.assigned", "petition.answered"]);

            var stats = await f.Leader.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/statistics?unitCode={f.Unit}&from=2026-02-01&to=2026-03-31");
            stats.GetProperty("received").GetInt32().ShouldBe(1);
            stats.GetProperty("answeredOnTime").GetInt32().ShouldBe(1);
            stats.GetProperty("answeredLate").GetInt32().ShouldBe(0);
            stats.GetProperty("pending").GetInt32().ShouldBe(0);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Hotline_and_counter_intake_by_staff_a_complaint_linked_to_its_dossier_and_overdue_flagged()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var code = await f.ReturnedAsync();
        var leaderName = app.WithDb(db => db.Users.Where(u => u.Roles.Any(r => r.Unit!.Code == f.Unit && r.Role == StaffRole.Leader)).Select(u => u.UserName).Single());
        try
        {
            app.Clock.SetNow(Vn(2026, 4, 1, 9));
            var hotline = await f.Desk.PostAsJsonAsync("/api/v1/petitions/intake", new
            {
                channel = "Hotline",
                senderName = "Lê Thị Hoa",
                senderPhone = "0912000111",
                content = "Không đồng ý với kết quả giải quyết hồ sơ.",
                unitCode = f.Unit,
                kind = "DossierOutcome",
                dossierCode = code,
                agreesToPublish = false,
            });
            hotline.StatusCode.ShouldBe(HttpStatusCode.Created, await hotline.Content.ReadAsStringAsync());
            var created = await hotline.Content.ReadFromJsonAsync<JsonElement>();
            created.GetProperty("dossierCode").GetString().ShouldBe(code);
            created.GetProperty("channel").GetString().ShouldBe("Hotline");
            var reference = created.GetProperty("reference").GetString()!;
            var dossierId = app.WithDb(db => db.Dossiers.Where(d => d.Code == code).Select(d => d.Id).Single());
            app.WithDb(db => db.Petitions.Single(p => p.Reference == reference).DossierId).ShouldBe(dossierId);

            // The portal form is not for staff, and the staff intake needs a staff channel.
            await (await f.Desk.PostAsJsonAsync("/api/v1/petitions", Portal(f.Unit))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            var noChannel = await (await f.Desk.PostAsJsonAsync("/api/v1/petitions/intake", Portal(f.Unit))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            noChannel.GetProperty("errors").TryGetProperty("channel", out _).ShouldBeTrue();

            // Wed 01/04/2026 09:00 + 15 working days (30/4 and 1/5 are later) = Wed 22/04/2026 09:00.
            var assigned = await (await f.Leader.PostAsJsonAsync($"/api/v1/petitions/{reference}/assign", new { version = 0, assigneeUserName = leaderName }))
                .Content.ReadFromJsonAsync<JsonElement>();
            assigned.GetProperty("dueAt").GetString().ShouldBe("2026-04-22T09:00:00+07:00");
            await (await f.Leader.PostAsJsonAsync($"/api/v1/petitions/{reference}/assign", new { version = 0, assigneeUserName = leaderName }))
                .ShouldBeProblemAsync(HttpStatusCode.Conflict);

            app.Clock.SetNow(Vn(2026, 4, 23, 9));
            var overdue = await f.Leader.GetFromJsonAsync<JsonElement>("/api/v1/petitions?overdue=true");
            overdue.EnumerateArray().Single(p => p.GetProperty("reference").GetString() == reference).GetProperty("overdue").GetBoolean().ShouldBeTrue();
            var stats = await f.Leader.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/statistics?unitCode={f.Unit}&from=2026-04-01&to=2026-04-30");
            stats.GetProperty("pending").GetInt32().ShouldBe(1);
            stats.GetProperty("pendingOverdue").GetInt32().ShouldBe(1);

            // Answered late, without publication (the sender did not agree).
            var late = await (await f.Leader.PostAsJsonAsync($"/api/v1/petitions/{reference}/answer", new { version = 1, answer = "Kết quả đúng quy định." }))
                .Content.ReadFromJsonAsync<JsonElement>();
            late.GetProperty("answeredOnTime").GetBoolean().ShouldBeFalse();
            late.GetProperty("publicAnswer").ValueKind.ShouldBe(JsonValueKind.Null);
            var after = await f.Leader.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/statistics?unitCode={f.Unit}&from=2026-04-01&to=2026-04-30");
            after.GetProperty("answeredLate").GetInt32().ShouldBe(1);
            after.GetProperty("pending").GetInt32().ShouldBe(0);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Bad_petitions_get_Vietnamese_field_errors_and_a_complaint_needs_proof_of_the_dossier()
    {
        var f = await new RatingFixtures(app).ArrangeAsync();
        var code = await f.ReturnedAsync();
        var citizen = app.Anonymous();
        var empty = await (await citizen.PostAsJsonAsync("/api/v1/petitions", new { unitCode = "không có" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        empty.GetProperty("errors").GetProperty("senderName")[0].GetString().ShouldNotBeNullOrWhiteSpace();
        empty.GetProperty("errors").GetProperty("senderPhone")[0].GetString().ShouldBe("Cần ít nhất một cách liên hệ: điện thoại, thư điện tử hoặc địa chỉ.");
        var noDossier = await (await citizen.PostAsJsonAsync("/api/v1/petitions", Portal(f.Unit, kind: "DossierOutcome"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        noDossier.GetProperty("errors").GetProperty("dossierCode")[0].GetString().ShouldBe("Khiếu nại về kết quả giải quyết cần mã hồ sơ.");
        await (await citizen.PostAsJsonAsync("/api/v1/petitions", Portal(f.Unit, kind: "Mood"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await citizen.PostAsJsonAsync("/api/v1/petitions", Portal(f.Unit, kind: "DossierOutcome", dossierCode: code, check: "0000")))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var proven = await citizen.PostAsJsonAsync("/api/v1/petitions", Portal(f.Unit, kind: "DossierOutcome", dossierCode: code, check: "5678"));
        proven.StatusCode.ShouldBe(HttpStatusCode.Created, await proven.Content.ReadAsStringAsync());
        app.WithDb(db => db.Petitions.Count(p => p.UnitPath.Contains(f.Unit))).ShouldBe(1);
    }
}
