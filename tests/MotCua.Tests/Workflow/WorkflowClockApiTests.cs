using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Catalog;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using Shouldly;
using static MotCua.Tests.Workflow.WorkflowApiTests;

namespace MotCua.Tests.Workflow;

/// <summary>
/// Supplements, apologies and endings over HTTP on real January 2026 dates (working hours 07:00–11:30, 13:30–17:00).
/// Xác nhận tình trạng hôn nhân takes 3 working days: received Mon 05/01 09:00, due Thu 08/01 09:00.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class WorkflowClockApiTests(MotCuaFactory app)
{
    private readonly WorkflowApiTests _flow = new(app);

    [Fact]
    public async Task Supplement_stops_the_clock_and_the_full_time_restarts_when_it_arrives()
    {
        var (_, desk, _, specialist, _) = await _flow.ArrangeAsync();
        try
        {
            var (code, started) = await _flow.ReceiveAndStartAsync(desk);
            var waiting = await _flow.ActAsync(specialist, code, "supplement-request", Vn(6, 10),
                new { version = Version(started), reason = "Thiếu bản sao giấy tờ tùy thân" });
            waiting.GetProperty("nationalState").GetInt32().ShouldBe(5);

            // Only the desk receives the supplement.
            (await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/supplement-received", new { version = Version(waiting) }))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

            // Three working days from Fri 09/01 14:00: Fri 3 h, Sat 10/01 8 h (worked in exchange for Fri 02/01,
            // Công văn 12729/VPCP-KGVX), Mon 8 h, Tue 5 h → Tue 13/01 14:00.
            var resumed = await _flow.ActAsync(desk, code, "supplement-received", Vn(9, 14), new { version = Version(waiting) });
            resumed.GetProperty("state").GetString().ShouldBe("Processing");
            resumed.GetProperty("currentStep").GetInt32().ShouldBe(1);
            resumed.GetProperty("dueAt").GetString().ShouldBe("2026-01-13T14:00:00+07:00");

            var dossier = app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code));
            dossier.OriginalDueAt.ShouldBe(dossier.DueAt);
            dossier.Suspensions.Single().Rule.ShouldBe(SupplementRule.Restart);
            dossier.Suspensions.Single().To.ShouldBe(Vn(9, 14).UtcDateTime);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_supplement_asked_and_received_before_the_count_starts_leaves_the_due_date_under_the_pause_rule()
    {
        var (procedure, desk, specialist) = await ArrangeCutoffProcedureAsync(app, supplementRule: "Pause");
        try
        {
            // Received Fri 13/02 15:30, after the 15:00 cut-off: the count starts Mon 23/02 07:00 after Tết, due Wed 25/02 17:00.
            var (code, started) = await ReceiveAndStartAsync(app, desk, procedure, At(13, 2, 15, 30));
            started.GetProperty("dueAt").GetString().ShouldBe("2026-02-25T17:00:00+07:00");
            var waiting = await _flow.ActAsync(specialist, code, "supplement-request", At(13, 2, 15, 45),
                new { version = Version(started), reason = "Thiếu bản sao giấy tờ tùy thân" });

            // The supplement arrives at 16:45 the same day: no working time was counted, so none is spent.
            var resumed = await _flow.ActAsync(desk, code, "supplement-received", At(13, 2, 16, 45), new { version = Version(waiting) });
            resumed.GetProperty("dueAt").GetString().ShouldBe("2026-02-25T17:00:00+07:00");

            var dossier = app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code));
            dossier.Suspensions.Single().Rule.ShouldBe(SupplementRule.Pause);
            dossier.OriginalDueAt.ShouldBe(At(25, 2, 17).UtcDateTime);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Late_dossier_gets_one_apology_with_a_new_date_and_is_still_judged_late()
    {
        var (_, desk, _, specialist, leader) = await _flow.ArrangeAsync();
        try
        {
            var (code, started) = await _flow.ReceiveAndStartAsync(desk);

            // The specialist may not sign an apology; the head of the unit does, by Wed 07/01 (the working day before Thu 08/01).
            (await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/extend",
                new { version = Version(started), newDueAt = "2026-01-12T09:00:00+07:00", reason = "Chờ xác minh" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            var extended = await _flow.ActAsync(leader, code, "extend", Vn(7, 16),
                new { version = Version(started), newDueAt = "2026-01-12T09:00:00+07:00", reason = "Chờ xác minh của nơi cư trú trước đây" });
            extended.GetProperty("dueAt").GetString().ShouldBe("2026-01-12T09:00:00+07:00");

            app.Clock.SetNow(Vn(7, 16, 30));
            var twice = await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/extend",
                new { version = Version(extended), newDueAt = "2026-01-13T09:00:00+07:00", reason = "Lần hai" });
            twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await twice.Content.ReadAsStringAsync()).ShouldContain("already-extended");

            var atLeader = await _flow.ActAsync(specialist, code, "forward", Vn(9, 10), new { version = Version(extended) });
            var signed = await ResultsApiTests.AttachAsync(leader, code, Version(atLeader));
            var processed = await _flow.ActAsync(leader, code, "forward", Vn(9, 15), new { version = signed });
            await _flow.ActAsync(desk, code, "return", Vn(9, 16), new { version = Version(processed) });

            var dossier = app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code));
            dossier.OriginalDueAt.ShouldBe(Vn(8, 9).UtcDateTime);
            dossier.DueAt.ShouldBe(Vn(12, 9).UtcDateTime);
            dossier.Timeliness.ShouldBe(Timeliness.Late);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task An_apology_on_the_due_date_is_too_late()
    {
        var (_, desk, _, _, leader) = await _flow.ArrangeAsync();
        try
        {
            var (code, started) = await _flow.ReceiveAndStartAsync(desk);
            app.Clock.SetNow(Vn(8, 8));
            var response = await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/extend",
                new { version = Version(started), newDueAt = "2026-01-12T09:00:00+07:00", reason = "Chậm" });
            response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await response.Content.ReadAsStringAsync()).ShouldContain("extension-too-late");
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Refusal_by_the_head_is_returned_and_stop_and_withdrawal_end_undecided_dossiers()
    {
        var (_, desk, _, specialist, leader) = await _flow.ArrangeAsync();

        var refused = await _flow.ReceiveAsync(desk, null);
        var started = await _flow.ActAsync(desk, refused, "start", null, new { version = 1 });
        (await specialist.PostAsJsonAsync($"/api/v1/dossiers/{refused}/decline", new { version = Version(started), reason = "Không đủ điều kiện" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var declined = await _flow.ActAsync(leader, refused, "decline", null, new { version = Version(started), reason = "Không đủ điều kiện" });
        declined.GetProperty("nationalState").GetInt32().ShouldBe(9);
        (await desk.PostAsJsonAsync($"/api/v1/dossiers/{refused}/stop", new { version = Version(declined), reason = "Muộn" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _flow.ActAsync(desk, refused, "return", null, new { version = Version(declined) })).GetProperty("nationalState").GetInt32().ShouldBe(10);
        app.WithDb(db => db.Dossiers.Single(d => d.Code == refused).Outcome).ShouldBe(DossierOutcome.Refusal);

        var stopped = await _flow.ReceiveAsync(desk, null);
        var stop = await _flow.ActAsync(desk, stopped, "stop", null, new { version = 1, reason = "Công dân đề nghị dừng" });
        stop.GetProperty("nationalState").GetInt32().ShouldBe(8);

        var withdrawn = await _flow.ReceiveAsync(desk, null);
        var start = await _flow.ActAsync(desk, withdrawn, "start", null, new { version = 1 });
        var withdraw = await _flow.ActAsync(leader, withdrawn, "withdraw", null, new { version = Version(start), reason = "Công dân rút hồ sơ" });
        withdraw.GetProperty("nationalState").GetInt32().ShouldBe(7);
        (await specialist.PostAsJsonAsync($"/api/v1/dossiers/{withdrawn}/forward", new { version = Version(withdraw) }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    internal static DateTimeOffset At(int day, int month, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    /// <summary>A new procedure of 3 working days whose unit counts intake after 15:00 from the next working morning, at a new unit.</summary>
    internal static async Task<(string Procedure, HttpClient Desk, HttpClient Specialist)> ArrangeCutoffProcedureAsync(MotCuaFactory app,
        string? supplementRule = null)
    {
        var admin = await app.SignInAsync("sysadmin");
        var procedure = CatalogFixtures.UniqueCode();
        await CatalogFixtures.CreateAsync(admin, CatalogFixtures.Procedure(procedure, supplementRule: supplementRule));
        await CatalogFixtures.PublishAsync(admin, procedure, 1, "2024-01-01");
        var (unit, desk) = await app.DeskAsync(procedure);
        return (procedure, desk, await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Specialist, unit)));
    }

    /// <summary>A dossier of <paramref name="procedure"/> received at the desk at <paramref name="at"/> and sent to its first step.</summary>
    internal static async Task<(string Code, JsonElement Started)> ReceiveAndStartAsync(MotCuaFactory app, HttpClient desk, string procedure, DateTimeOffset at)
    {
        app.Clock.SetNow(at);
        var response = await desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(procedure));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        return (code, await new WorkflowApiTests(app).ActAsync(desk, code, "start", at.AddMinutes(5), new { version = 1 }));
    }
}
