using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using Shouldly;

namespace MotCua.Tests.Workflow;

/// <summary>
/// A dossier through the internal process over HTTP: desk → specialist → leader → (sent back) → specialist →
/// leader → desk → returned, on real January 2026 dates. Xác nhận tình trạng hôn nhân: 3 working days, so a
/// receipt on Mon 05/01 09:00 is due Thu 08/01 09:00.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class WorkflowApiTests(MotCuaFactory app)
{
    private const string MaritalStatus = "1.004873";

    internal static DateTimeOffset Vn(int day, int hour, int minute = 0) => new(2026, 1, day, hour, minute, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task A_dossier_travels_desk_specialist_leader_desk_and_every_hand_off_is_on_the_control_slip()
    {
        var (unit, desk, specialistName, specialist, leader) = await ArrangeAsync();
        try
        {
            var code = await ReceiveAsync(desk, Vn(5, 9));

            var started = await ActAsync(desk, code, "start", Vn(5, 9, 30), new { version = 1 });
            started.GetProperty("state").GetString().ShouldBe("Processing");
            started.GetProperty("nationalState").GetInt32().ShouldBe(4);
            started.GetProperty("currentStep").GetInt32().ShouldBe(1);
            started.GetProperty("stepName").GetString().ShouldBe("Thẩm định hồ sơ");

            // Step 1 has 16 working hours from Mon 09:30: due Wed 07/01 09:30.
            started.GetProperty("stepDueAt").GetString().ShouldBe("2026-01-07T09:30:00+07:00");

            var atLeader = await ActAsync(specialist, code, "forward", Vn(6, 10), new { version = Version(started), note = "Đủ điều kiện" });
            atLeader.GetProperty("currentStep").GetInt32().ShouldBe(2);

            var back = await ActAsync(leader, code, "send-back", Vn(6, 14), new { version = Version(atLeader), toStep = 1, reason = "Bổ sung ý kiến thẩm định" });
            back.GetProperty("currentStep").GetInt32().ShouldBe(1);

            var taken = await ActAsync(specialist, code, "assign", Vn(6, 15), new { version = Version(back), assigneeUserName = specialistName });
            taken.GetProperty("assigneeId").GetString().ShouldNotBeNull();

            var again = await ActAsync(specialist, code, "forward", Vn(7, 15), new { version = Version(taken) });
            var signed = await ResultsApiTests.AttachAsync(leader, code, Version(again));
            var processed = await ActAsync(leader, code, "forward", Vn(8, 8, 30), new { version = signed, note = "Đồng ý" });
            processed.GetProperty("state").GetString().ShouldBe("Processed");
            processed.GetProperty("nationalState").GetInt32().ShouldBe(9);
            processed.TryGetProperty("currentStep", out var step).ShouldBeTrue();
            step.ValueKind.ShouldBe(JsonValueKind.Null);

            var returned = await ActAsync(desk, code, "return", Vn(8, 10), new { version = Version(processed) });
            returned.GetProperty("nationalState").GetInt32().ShouldBe(10);

            var dossier = app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code));
            dossier.Timeliness.ShouldBe(MotCua.Web.Calendar.Timeliness.OnTime);

            // No method given: the result goes back the way the applicant asked at intake, here at the counter.
            dossier.ReturnedBy.ShouldBe(ReturnMethod.Counter);
            dossier.Handoffs.OrderBy(h => h.Id).Select(h => (h.Kind, h.FromStep, h.ToStep, h.Timeliness?.ToString())).ShouldBe(
            [
                (HandoffKind.Start, null, 1, null),
                (HandoffKind.Forward, 1, 2, "Early"),
                (HandoffKind.SendBack, 2, 1, "OnTime"),
                (HandoffKind.Assign, 1, 1, null),
                (HandoffKind.Forward, 1, 2, "Early"),
                (HandoffKind.ToDesk, 2, null, "OnTime"),
            ]);
            dossier.Handoffs.Single(h => h.Kind == HandoffKind.SendBack).Note.ShouldBe("Bổ sung ý kiến thẩm định");
            app.WithDb(db => db.AuditEvents.Count(e => e.EntityId == dossier.Id.ToString())).ShouldBe(9);

            var slip = await (await desk.GetAsync($"/api/v1/dossiers/{code}/control-slip")).Content.ReadFromJsonAsync<JsonElement>();
            slip.GetProperty("timeliness").GetString().ShouldBe("OnTime");
            var rows = slip.GetProperty("rows").EnumerateArray().ToList();
            rows.Count.ShouldBe(6);
            rows[1].GetProperty("fromStepName").GetString().ShouldBe("Thẩm định hồ sơ");
            rows[1].GetProperty("toStepName").GetString().ShouldBe("Phê duyệt");
            rows[1].GetProperty("at").GetString().ShouldBe("2026-01-06T10:00:00+07:00");
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Two_officers_forwarding_at_once_end_with_exactly_one_winner()
    {
        var (unit, desk, _, specialist, _) = await ArrangeAsync();
        var second = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Specialist, unit));
        var code = await ReceiveAsync(desk, null);
        var started = await ActAsync(desk, code, "start", null, new { version = 1 });

        var responses = await Task.WhenAll(
            specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/forward", new { version = Version(started) }),
            second.PostAsJsonAsync($"/api/v1/dossiers/{code}/forward", new { version = Version(started) }));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(1);
        var dossier = app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code));
        dossier.CurrentStep.ShouldBe(2);
        dossier.Handoffs.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Only_the_holder_of_the_step_may_act_and_only_in_a_state_that_allows_it()
    {
        var (_, desk, _, specialist, leader) = await ArrangeAsync();
        var code = await ReceiveAsync(desk, null);

        var early = await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/forward", new { version = 1 });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.Content.ReadAsStringAsync()).ShouldContain("illegal-transition");

        (await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/start", new { version = 1 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var started = await ActAsync(desk, code, "start", null, new { version = 1 });

        (await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/forward", new { version = Version(started) })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/forward", new { version = Version(started) })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/forward", new { version = 1 })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/return", new { version = Version(started) })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/send-back", new { version = Version(started), toStep = 1, reason = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_result_goes_back_by_post_when_the_applicant_asked_for_it_at_intake()
    {
        var (_, desk, _, _, leader) = await ArrangeAsync();
        var delivered = DateTimeOffset.UtcNow.AddHours(-1);
        var response = await desk.PostAsJsonAsync("/api/v1/dossiers",
            IntakeApiTests.Body(MaritalStatus, channel: "Postal", postal: new { waybill = "EL987654321VN", deliveredAt = delivered, returnByPost = true }));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        var declined = await ActAsync(leader, code, "decline", null, new { version = 1, reason = "Không đủ điều kiện" });

        await ActAsync(desk, code, "return", null, new { version = Version(declined) });
        var dossier = app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code));
        dossier.ReturnedBy.ShouldBe(ReturnMethod.Post);
        (await desk.GetStringAsync($"/backoffice/ho-so/{dossier.Id}")).ShouldContain("Qua dịch vụ bưu chính công ích");
    }

    internal static int Version(JsonElement response) => response.GetProperty("version").GetInt32();

    internal async Task<(string Unit, HttpClient Desk, string SpecialistName, HttpClient Specialist, HttpClient Leader)> ArrangeAsync()
    {
        var (unit, desk) = await app.DeskAsync(MaritalStatus);
        var specialistName = await app.CreateStaffAsync(StaffRole.Specialist, unit);
        var specialist = await app.SignInAsync(specialistName);
        var leader = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Leader, unit));
        DefineProcess(unit, _ =>
        [
            new ProcessStep { Order = 1, Name = "Thẩm định hồ sơ", Role = StaffRole.Specialist, Hours = 16 },
            new ProcessStep { Order = 2, Name = "Phê duyệt", Role = StaffRole.Leader, Hours = 4 },
        ]);
        return (unit, desk, specialistName, specialist, leader);
    }

    /// <summary>Gives the marital-status procedure an internal process at the unit (arrangement); the steps may look up their offices.</summary>
    internal void DefineProcess(string unit, Func<MotCua.Web.MotCuaDbContext, ProcessStep[]> steps) => app.WithDb(db =>
    {
        var definition = new ProcessDefinition
        {
            ProcedureId = db.Procedures.Where(p => p.Code == MaritalStatus).Select(p => p.Id).Single(),
            UnitId = db.Units.Where(u => u.Code == unit).Select(u => u.Id).Single(),
        };
        definition.Replace(steps(db));
        db.ProcessDefinitions.Add(definition);
        return db.SaveChanges();
    });

    /// <summary>Sets the catalog's rule of the marital-status procedure on the time to pay (arrangement); the caller sets it back.</summary>
    internal void PaymentTimeCounts(bool counts) => app.WithDb(db =>
        db.ProcedureVersions.Where(v => v.Procedure!.Code == MaritalStatus).ExecuteUpdate(s => s.SetProperty(v => v.PaymentTimeCounts, counts)));

    internal async Task<string> ReceiveAsync(HttpClient desk, DateTimeOffset? at)
    {
        if (at is { } now)
        {
            app.Clock.SetNow(now);
        }

        var response = await desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    /// <summary>A dossier received at the desk on Mon 05/01 09:00 (due Thu 08/01 09:00) and sent to the first step at 09:30.</summary>
    internal async Task<(string Code, JsonElement Started)> ReceiveAndStartAsync(HttpClient desk)
    {
        var code = await ReceiveAsync(desk, Vn(5, 9));
        return (code, await ActAsync(desk, code, "start", Vn(5, 9, 30), new { version = 1 }));
    }

    internal async Task<JsonElement> ActAsync(HttpClient client, string code, string action, DateTimeOffset? at, object body)
    {
        if (at is { } now)
        {
            app.Clock.SetNow(now);
        }

        var response = await client.PostAsJsonAsync($"/api/v1/dossiers/{code}/{action}", body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
