using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using Shouldly;
using static MotCua.Tests.Workflow.WorkflowApiTests;

namespace MotCua.Tests.Workflow;

/// <summary>Một cửa liên thông: a step done by another unit waits until that unit accepts the dossier or rejects it with a reason.</summary>
[Collection(AppCollection.Name)]
public sealed class TransferApiTests(MotCuaFactory app)
{
    private const string MaritalStatus = "1.004873";

    [Fact]
    public async Task An_accepted_transfer_lets_the_other_agency_do_its_step()
    {
        var (code, specialist, agency, leader) = await ArrangeAsync();
        var started = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Version);

        var sent = await ActAsync(specialist, code, "forward", new { version = started });
        sent.GetProperty("currentStep").GetInt32().ShouldBe(2);
        app.WithDb(db => db.Dossiers.Single(d => d.Code == code).TransferUnitPath).ShouldNotBeNull();

        // Pending: the other agency must answer before anyone moves the dossier on.
        var early = await agency.PostAsJsonAsync($"/api/v1/dossiers/{code}/forward", new { version = Version(sent) });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.Content.ReadAsStringAsync()).ShouldContain("transfer-pending");
        (await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/transfer/accept", new { version = Version(sent) })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var accepted = await ActAsync(agency, code, "transfer/accept", new { version = Version(sent) });
        (await agency.PostAsJsonAsync($"/api/v1/dossiers/{code}/transfer/accept", new { version = Version(accepted) })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var atLeader = await ActAsync(agency, code, "forward", new { version = Version(accepted), note = "Đã xác minh" });
        atLeader.GetProperty("currentStep").GetInt32().ShouldBe(3);
        app.WithDb(db => db.Dossiers.Single(d => d.Code == code).TransferUnitPath).ShouldBeNull();
        var signed = await ResultsApiTests.AttachAsync(leader, code, Version(atLeader));
        (await ActAsync(leader, code, "forward", new { version = signed })).GetProperty("state").GetString().ShouldBe("Processed");

        app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code).Handoffs.OrderBy(h => h.Id).Select(h => h.Kind).ToList())
            .ShouldBe([HandoffKind.Start, HandoffKind.Transfer, HandoffKind.TransferAccepted, HandoffKind.Forward, HandoffKind.ToDesk]);
    }

    [Fact]
    public async Task A_rejected_transfer_goes_back_to_the_step_that_sent_it_with_the_reason()
    {
        var (code, specialist, agency, _) = await ArrangeAsync();
        var sent = await ActAsync(specialist, code, "forward", new { version = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Version) });

        (await agency.PostAsJsonAsync($"/api/v1/dossiers/{code}/transfer/reject", new { version = Version(sent) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var rejected = await ActAsync(agency, code, "transfer/reject", new { version = Version(sent), reason = "Không thuộc thẩm quyền xác minh" });
        rejected.GetProperty("currentStep").GetInt32().ShouldBe(1);

        var dossier = app.WithDb(db => db.Dossiers.AsNoTracking().Single(d => d.Code == code));
        dossier.TransferUnitPath.ShouldBeNull();
        dossier.Handoffs.OrderBy(h => h.Id).Last().ShouldSatisfyAllConditions(
            h => h.Kind.ShouldBe(HandoffKind.TransferRejected),
            h => h.Note.ShouldBe("Không thuộc thẩm quyền xác minh"));
        (await agency.PostAsJsonAsync($"/api/v1/dossiers/{code}/transfer/accept", new { version = Version(rejected) })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_receiving_agency_finds_an_incoming_transfer_in_its_inbox_opens_it_and_answers_it_from_its_workspace()
    {
        var (code, specialist, agency, _) = await ArrangeAsync();
        var stranger = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Specialist, await app.CreateUnitAsync("000.00.00.H50")));
        var id = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Id);
        (await agency.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Codes(await InboxAsync(agency, "incoming")).ShouldNotContain(code);

        var sent = await ActAsync(specialist, code, "forward", new { version = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Version) });

        // The other agency: in its incoming box (waiting for its answer) and in its office queue, readable, with the answer buttons.
        var incoming = (await InboxAsync(agency, "incoming")).GetProperty("items").EnumerateArray().Single(r => r.GetProperty("code").GetString() == code);
        incoming.GetProperty("transferPending").GetBoolean().ShouldBeTrue();
        Codes(await InboxAsync(agency, "office")).ShouldContain(code);
        (await agency.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var box = await agency.GetStringAsync("/backoffice/ho-so?box=lien-thong-den");
        box.ShouldContain("Liên thông đến");
        box.ShouldContain($"data-dossier=\"{code}\"");
        var workspace = await agency.GetStringAsync($"/backoffice/ho-so/{id}");
        workspace.ShouldContain("data-action=\"transfer-accept\"");
        workspace.ShouldContain("data-action=\"transfer-reject\"");

        // Neither the sending unit's queue nor an unrelated agency lists it.
        Codes(await InboxAsync(specialist, "office")).ShouldNotContain(code);
        Codes(await InboxAsync(stranger, "incoming")).ShouldNotContain(code);
        (await stranger.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await WorkspacePagesTests.PostAsync(agency, $"/backoffice/ho-so/{id}", "AcceptTransfer", new() { ["version"] = Version(sent).ToString(CultureInfo.InvariantCulture) }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var accepted = (await InboxAsync(agency, "incoming")).GetProperty("items").EnumerateArray().Single(r => r.GetProperty("code").GetString() == code);
        accepted.GetProperty("transferPending").GetBoolean().ShouldBeFalse();

        // Once its step is done, the dossier leaves the agency.
        await ActAsync(agency, code, "forward", new { version = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Version), note = "Đã xác minh" });
        Codes(await InboxAsync(agency, "incoming")).ShouldNotContain(code);
        (await agency.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<System.Text.Json.JsonElement> InboxAsync(HttpClient client, string box)
    {
        var response = await client.GetAsync($"/api/v1/inbox/{box}?size=100");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }

    private static List<string> Codes(System.Text.Json.JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToList();

    internal async Task<(string Code, HttpClient Specialist, HttpClient Agency, HttpClient Leader)> ArrangeAsync()
    {
        var (unit, desk) = await app.DeskAsync(MaritalStatus);
        var other = await app.CreateUnitAsync("000.00.00.H50");
        var specialist = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Specialist, unit));
        var agency = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Specialist, other));
        var leader = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Leader, unit));
        app.WithDb(db =>
        {
            var definition = new ProcessDefinition
            {
                ProcedureId = db.Procedures.Where(p => p.Code == MaritalStatus).Select(p => p.Id).Single(),
                UnitId = db.Units.Where(u => u.Code == unit).Select(u => u.Id).Single(),
            };
            definition.Replace(
            [
                new ProcessStep { Order = 1, Name = "Thẩm định hồ sơ", Role = StaffRole.Specialist, Hours = 8 },
                new ProcessStep
                {
                    Order = 2, Name = "Xác minh nơi cư trú trước đây", Role = StaffRole.Specialist, Hours = 8, InterAgency = true,
                    OfficeUnitId = db.Units.Where(u => u.Code == other).Select(u => u.Id).Single(),
                },
                new ProcessStep { Order = 3, Name = "Phê duyệt", Role = StaffRole.Leader, Hours = 4 },
            ]);
            db.ProcessDefinitions.Add(definition);
            return db.SaveChanges();
        });
        var received = await desk.PostAsJsonAsync("/api/v1/dossiers", Dossiers.IntakeApiTests.Body(MaritalStatus));
        var code = (await received.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString()!;
        (await desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/start", new { version = 1 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (code, specialist, agency, leader);
    }

    private static async Task<System.Text.Json.JsonElement> ActAsync(HttpClient client, string code, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/dossiers/{code}/{action}", body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }
}
