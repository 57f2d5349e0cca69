using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;
using static MotCua.Tests.Workflow.WorkflowApiTests;

namespace MotCua.Tests.Workflow;

[Collection(AppCollection.Name)]
public sealed class InboxApiTests(MotCuaFactory app)
{
    private const string MaritalStatus = "1.004873";
    private readonly WorkflowApiTests _flow = new(app);

    [Fact]
    public async Task The_office_queue_pages_by_due_date_with_a_keyset_cursor_and_an_assigned_dossier_moves_to_mine()
    {
        var (_, desk, specialistName, specialist, _) = await _flow.ArrangeAsync();
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var code = await _flow.ReceiveAsync(desk, null);
            await _flow.ActAsync(desk, code, "start", null, new { version = 1 });
            codes.Add(code);
        }

        var first = await GetAsync(specialist, "/api/v1/inbox/office?size=2");
        var next = first.GetProperty("next").GetString();
        next.ShouldNotBeNull();
        var second = await GetAsync(specialist, $"/api/v1/inbox/office?size=2&after={Uri.EscapeDataString(next)}");
        second.GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);
        var listed = Codes(first).Concat(Codes(second)).ToList();
        listed.ShouldBe(codes.Order(StringComparer.Ordinal).ToList());
        first.GetProperty("items")[0].GetProperty("workingHoursLeft").GetDouble().ShouldBeGreaterThan(0);

        var version = app.WithDb(db => db.Dossiers.Single(d => d.Code == codes[1]).Version);
        await _flow.ActAsync(specialist, codes[1], "assign", null, new { version, assigneeUserName = specialistName });
        Codes(await GetAsync(specialist, "/api/v1/inbox/mine")).ShouldBe([codes[1]]);
        Codes(await GetAsync(specialist, "/api/v1/inbox/office")).ShouldNotContain(codes[1]);
    }

    [Fact]
    public async Task Dossiers_waiting_for_a_supplement_or_a_payment_are_in_their_own_box_without_a_running_clock()
    {
        var (_, desk, _, specialist, _) = await _flow.ArrangeAsync();
        string supplement, payment, processing;
        try
        {
            (supplement, var first) = await _flow.ReceiveAndStartAsync(desk);
            (payment, var second) = await _flow.ReceiveAndStartAsync(desk);
            (processing, _) = await _flow.ReceiveAndStartAsync(desk);
            await _flow.ActAsync(specialist, supplement, "supplement-request", Vn(6, 10), new { version = Version(first), reason = "Thiếu tờ khai" });
            await _flow.ActAsync(specialist, payment, "payment-request", Vn(6, 10), new { version = Version(second), amount = 20_000, purpose = "Lệ phí" });
        }
        finally
        {
            app.Clock.Reset();
        }

        var waiting = await GetAsync(desk, "/api/v1/inbox/waiting");
        Codes(waiting).ShouldBe(new[] { supplement, payment }.Order(StringComparer.Ordinal));
        waiting.GetProperty("items").EnumerateArray().ShouldAllBe(r => r.GetProperty("workingHoursLeft").ValueKind == JsonValueKind.Null);
        Codes(await GetAsync(desk, "/api/v1/inbox/waiting?state=AwaitingPayment")).ShouldBe([payment]);
        Codes(await GetAsync(specialist, "/api/v1/inbox/office")).ShouldBe([processing]);

        var page = await desk.GetStringAsync("/backoffice/ho-so?box=cho-nguoi-nop");
        page.ShouldContain("Đang chờ người nộp hồ sơ");
        page.ShouldContain($"data-dossier=\"{supplement}\"");
        page.ShouldContain($"data-dossier=\"{payment}\"");
        page.ShouldNotContain($"data-dossier=\"{processing}\"");
    }

    [Fact]
    public async Task A_dossier_past_its_due_date_is_overdue_with_negative_working_time_left()
    {
        var (_, desk, _, specialist, _) = await _flow.ArrangeAsync();
        string code;
        try
        {
            code = await _flow.ReceiveAsync(desk, Vn(5, 9));
        }
        finally
        {
            app.Clock.Reset();
        }

        var overdue = await GetAsync(specialist, "/api/v1/inbox/overdue");
        var row = overdue.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("code").GetString() == code);
        row.GetProperty("workingHoursLeft").GetDouble().ShouldBeLessThan(0);
        (await specialist.GetAsync("/api/v1/inbox/everything")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await specialist.GetAsync("/api/v1/inbox/office?after=garbage")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_office_queue_filters_by_procedure_state_channel_and_receipt_dates_and_refuses_bad_filters()
    {
        var (_, desk, _, specialist, _) = await _flow.ArrangeAsync();
        string early;
        string late;
        try
        {
            early = await _flow.ReceiveAsync(desk, Vn(5, 9));
            await _flow.ActAsync(desk, early, "start", Vn(5, 10), new { version = 1 });
            late = await _flow.ReceiveAsync(desk, Vn(7, 16, 30));
            await _flow.ActAsync(desk, late, "start", Vn(7, 16, 45), new { version = 1 });
        }
        finally
        {
            app.Clock.Reset();
        }

        Codes(await GetAsync(specialist, "/api/v1/inbox/office?procedure=1.004873&state=Processing&channel=Counter")).ShouldBe([early, late]);
        Codes(await GetAsync(specialist, "/api/v1/inbox/office?from=2026-01-06&to=2026-01-07")).ShouldBe([late]);
        Codes(await GetAsync(specialist, "/api/v1/inbox/office?to=2026-01-05&domain=" + Uri.EscapeDataString(DomainOf(early)))).ShouldBe([early]);
        Codes(await GetAsync(specialist, "/api/v1/inbox/office?channel=Online")).ShouldBeEmpty();
        Codes(await GetAsync(specialist, "/api/v1/inbox/office?procedure=1.000001")).ShouldBeEmpty();
        Codes(await GetAsync(specialist, "/api/v1/inbox/office?state=Received")).ShouldBeEmpty();

        var bad = await specialist.GetAsync("/api/v1/inbox/office?state=Closed&channel=7&from=05/01/2026");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ShouldBe(["channel", "from", "state"]);
    }

    [Fact]
    public async Task The_office_queue_of_a_district_merges_its_own_and_its_communes_dossiers_by_due_date_once_each()
    {
        var district = await app.CreateUnitAsync("000.00.00.H50", UnitKind.District);
        var communes = new[] { await app.CreateUnitAsync(district), await app.CreateUnitAsync(district) };
        var due = new Dictionary<string, DateTimeOffset>();
        var unitOf = new Dictionary<string, int>();
        try
        {
            // Receipt times interleave the units, so the due order mixes the district's own queue and its communes'.
            var desks = new List<HttpClient>();
            foreach (var unit in communes.Prepend(district))
            {
                await app.ProvideAsync(MaritalStatus, unit);
                desks.Add(await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, unit)));
            }

            for (var i = 0; i < 6; i++)
            {
                var code = await _flow.ReceiveAsync(desks[i % 3], Vn(5, 8 + i));
                await _flow.ActAsync(desks[i % 3], code, "start", Vn(5, 8 + i, 30), new { version = 1 });
                unitOf[code] = i % 3;
                due[code] = app.WithDb(db => db.Dossiers.Where(d => d.Code == code).Select(d => d.DueAt!.Value).Single());
            }
        }
        finally
        {
            app.Clock.Reset();
        }

        // A specialist of the district who also holds a role in one of its communes: the nested subtree adds nothing twice.
        var name = await app.CreateStaffAsync(StaffRole.Specialist, district);
        app.WithDb(db =>
        {
            db.RoleAssignments.Add(new RoleAssignment
            {
                UserId = db.Users.Where(u => u.UserName == name).Select(u => u.Id).Single(),
                Role = StaffRole.Specialist,
                UnitId = db.Units.Where(u => u.Code == communes[0]).Select(u => u.Id).Single(),
            });
            return db.SaveChanges();
        });
        var specialist = await app.SignInAsync(name);
        var expected = due.OrderBy(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key).ToList();

        var listed = new List<string>();
        var url = "/api/v1/inbox/office?size=4";
        while (true)
        {
            var page = await GetAsync(specialist, url);
            listed.AddRange(Codes(page));
            if (page.GetProperty("next").GetString() is not { } next)
            {
                break;
            }

            url = "/api/v1/inbox/office?size=4&after=" + Uri.EscapeDataString(next);
        }

        listed.ShouldBe(expected);
        var commune = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Specialist, communes[1]));
        Codes(await GetAsync(commune, "/api/v1/inbox/office")).ShouldBe(expected.Where(code => unitOf[code] == 2));
    }

    private string DomainOf(string code) => app.WithDb(db => db.Dossiers.Where(d => d.Code == code).Select(d => d.DomainCode).Single())!;

    private static IEnumerable<string> Codes(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("code").GetString()!);

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
