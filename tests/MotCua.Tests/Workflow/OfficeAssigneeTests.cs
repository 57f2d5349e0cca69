using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;

namespace MotCua.Tests.Workflow;

/// <summary>
/// A specialist who sits in an office of the commune (not in the commune itself) opens and acts on the dossier assigned to
/// her, in the API and on its workspace page; a specialist of a sibling office, to whom it is not assigned, does not see it.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class OfficeAssigneeTests(MotCuaFactory app)
{
    [Fact]
    public async Task A_specialist_in_an_office_opens_and_forwards_the_dossier_assigned_to_her()
    {
        var flow = new WorkflowApiTests(app);
        var (unit, desk) = await app.DeskAsync("1.004873");
        var office = await app.CreateUnitAsync(unit, UnitKind.Office, "Phòng Văn hóa - Xã hội");
        var sibling = await app.CreateUnitAsync(unit, UnitKind.Office, "Phòng Kinh tế");
        var specialistName = await app.CreateStaffAsync(StaffRole.Specialist, office);
        var specialist = await app.SignInAsync(specialistName);
        var other = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Specialist, sibling));
        var leader = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Leader, unit));
        flow.DefineProcess(unit, db =>
        [
            new ProcessStep
            {
                Order = 1, Name = "Thẩm định hồ sơ", Role = StaffRole.Specialist, Hours = 16,
                OfficeUnitId = db.Units.Where(u => u.Code == office).Select(u => u.Id).Single(),
            },
            new ProcessStep { Order = 2, Name = "Phê duyệt", Role = StaffRole.Leader, Hours = 4 },
        ]);

        string code;
        JsonElement started;
        try
        {
            (code, started) = await flow.ReceiveAndStartAsync(desk);
        }
        finally
        {
            // The clock is shared by the tests of the collection: sessions opened after this one must not look idle.
            app.Clock.Reset();
        }

        var assigned = await flow.ActAsync(leader, code, "assign", null, new { version = started.GetProperty("version").GetInt32(), assigneeUserName = specialistName });

        var dossier = await specialist.GetAsync($"/api/v1/dossiers/{code}");
        dossier.StatusCode.ShouldBe(HttpStatusCode.OK, await dossier.Content.ReadAsStringAsync());
        var id = (await dossier.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await specialist.GetAsync($"/backoffice/ho-so/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await other.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/backoffice/ho-so/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var forwarded = await flow.ActAsync(specialist, code, "forward", null, new { version = assigned.GetProperty("version").GetInt32(), note = "Đủ điều kiện" });
        forwarded.GetProperty("currentStep").GetInt32().ShouldBe(2);

        // Once it has left her, the dossier is no longer hers to open.
        (await specialist.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_specialist_in_an_office_finds_its_unassigned_dossiers_in_her_queue_and_takes_one()
    {
        var flow = new WorkflowApiTests(app);
        var (unit, desk) = await app.DeskAsync("1.004873");
        var office = await app.CreateUnitAsync(unit, UnitKind.Office, "Phòng Văn hóa - Xã hội");
        var sibling = await app.CreateUnitAsync(unit, UnitKind.Office, "Phòng Kinh tế");
        var specialistName = await app.CreateStaffAsync(StaffRole.Specialist, office);
        var specialist = await app.SignInAsync(specialistName);
        var other = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Specialist, sibling));
        var unitSpecialist = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Specialist, unit));
        flow.DefineProcess(unit, db =>
        [
            new ProcessStep
            {
                Order = 1, Name = "Thẩm định hồ sơ", Role = StaffRole.Specialist, Hours = 16,
                OfficeUnitId = db.Units.Where(u => u.Code == office).Select(u => u.Id).Single(),
            },
            new ProcessStep { Order = 2, Name = "Phê duyệt", Role = StaffRole.Leader, Hours = 4 },
        ]);

        string code;
        JsonElement started;
        try
        {
            (code, started) = await flow.ReceiveAndStartAsync(desk);
        }
        finally
        {
            app.Clock.Reset();
        }

        // The office's queue is hers, and the unit above sees it too; the sibling office does not.
        (await QueueAsync(specialist)).ShouldContain(code);
        (await QueueAsync(unitSpecialist)).ShouldContain(code);
        (await QueueAsync(other)).ShouldNotContain(code);
        (await specialist.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await other.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await specialist.GetStringAsync("/backoffice/ho-so?box=phong")).ShouldContain($"data-dossier=\"{code}\"");

        var taken = await flow.ActAsync(specialist, code, "assign", null, new { version = started.GetProperty("version").GetInt32(), assigneeUserName = specialistName });
        taken.GetProperty("assigneeId").GetString().ShouldNotBeNull();
        (await QueueAsync(specialist)).ShouldNotContain(code);
        var mine = await specialist.GetFromJsonAsync<JsonElement>("/api/v1/inbox/mine?size=100");
        mine.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldContain(code);
    }

    private static async Task<List<string?>> QueueAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/inbox/office?size=100")).GetProperty("items").EnumerateArray()
            .Select(r => r.GetProperty("code").GetString()).ToList();
}
