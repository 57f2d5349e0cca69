using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MotCua.Tests.Infrastructure;
using MotCua.Tests.Reporting;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;

namespace MotCua.Tests.Units;

/// <summary>
/// A district split on 1/7/2025 (Resolution 76/2025/UBTVQH15, Decree 118/2025): land work to a provincial department, one
/// procedure to a second commune, everything else to the commune that carries the district on. One previewed operation.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReorganisationApiTests(MotCuaFactory app)
{
    private const string Land = "1.012784";
    private const string CivilStatus = "2.000528";
    private const string Attestation = "2.001008";

    [Fact]
    public async Task A_district_split_hands_its_open_dossiers_roles_providers_and_processes_to_its_successors_exactly_as_previewed()
    {
        var split = await ArrangeAsync();
        await ReportConsistencyTests.ImportAsync(split.Admin,
        [
            Row($"LAND-{split.District}", Land, split.District, "2025-06-10T09:00:00+07:00", "2025-06-24T09:00:00+07:00"),
            Row($"HT-{split.District}", CivilStatus, split.Office, "2025-06-20T09:00:00+07:00", "2025-07-20T09:00:00+07:00"),
            Row($"CT-{split.District}", Attestation, split.District, "2025-06-25T09:00:00+07:00", "2025-07-10T09:00:00+07:00"),
            Row($"DONE-{split.District}", Land, split.District, "2025-05-05T09:00:00+07:00", "2025-05-19T09:00:00+07:00", finishedAt: "2025-05-08T10:00:00+07:00"),
        ]);
        var dueBefore = app.WithDb(db => db.Dossiers.Where(d => d.Code!.EndsWith("-" + split.District)).ToDictionary(d => d.Code!, d => (d.DueAt, d.OriginalDueAt)));

        var preview = await PreviewAsync(split);
        var plan = await preview.Content.ReadFromJsonAsync<JsonElement>();
        Moves(plan, "dossiers", "code", "toHandling").ShouldBe(new Dictionary<string, string>
        {
            [$"CT-{split.District}"] = split.Commune2,
            [$"HT-{split.District}"] = split.Commune1,
            [$"LAND-{split.District}"] = split.Department,
        });
        plan.GetProperty("closedUnits").EnumerateArray().Select(u => u.GetString()).ShouldBe([split.District, split.Office], ignoreOrder: true);
        plan.GetProperty("roles").GetArrayLength().ShouldBe(2);
        plan.GetProperty("roles").EnumerateArray().ShouldAllBe(r => r.GetProperty("to").GetString() == split.Commune1);
        Moves(plan, "providers", "procedureCode", "to").ShouldBe(new Dictionary<string, string>
        {
            [Land] = split.Department,
            [CivilStatus] = split.Commune1,
            [Attestation] = split.Commune2,
        });
        plan.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("procedureCode").GetString() == CivilStatus)
            .GetProperty("alreadyThere").GetBoolean().ShouldBeTrue();
        Moves(plan, "processes", "procedureCode", "to").ShouldBe(new Dictionary<string, string> { [Land] = split.Department });
        plan.GetProperty("counts").GetRawText().ShouldBe("""{"dossiers":3,"roles":2,"providers":2,"processes":1}""");

        var applied = await split.Admin.PostAsJsonAsync($"/api/v1/units/{split.District}/reorganisation", Body(split, plan.GetProperty("token").GetString()));
        applied.StatusCode.ShouldBe(HttpStatusCode.OK, await applied.Content.ReadAsStringAsync());
        (await applied.Content.ReadAsStringAsync()).ShouldBe(plan.GetRawText());

        app.WithDb(db =>
        {
            var units = db.Units.Where(u => u.Code == split.District || u.Code == split.Office || u.Code == split.Commune1).ToDictionary(u => u.Code);
            units[split.District].ValidTo.ShouldBe(new DateOnly(2025, 6, 30));
            units[split.Office].ValidTo.ShouldBe(new DateOnly(2025, 6, 30));
            units[split.District].SuccessorId.ShouldBe(units[split.Commune1].Id);
            db.SuccessionRules.Count(r => r.PredecessorId == units[split.District].Id).ShouldBe(2);

            var dossiers = db.Dossiers.Where(d => d.Code!.EndsWith("-" + split.District)).ToList();
            foreach (var dossier in dossiers)
            {
                (dossier.DueAt, dossier.OriginalDueAt).ShouldBe(dueBefore[dossier.Code!]);
                if (dossier.StepOfficePath is { } office)
                {
                    // The closed district's offices do no step any more: the successor that took the dossier does.
                    office.ShouldStartWith(dossier.HandlingUnitPath, customMessage: dossier.Code);
                }

                db.AuditEvents.Count(e => e.StreamId == "Dossier:" + dossier.Id && e.Action == "dossier.handed-over")
                    .ShouldBe(dossier.Code!.StartsWith("DONE", StringComparison.Ordinal) ? 0 : 1, dossier.Code);
            }

            dossiers.ToDictionary(d => d.Code!, d => UnitPath.Code(d.HandlingUnitPath)).ShouldBe(new Dictionary<string, string>
            {
                [$"CT-{split.District}"] = split.Commune2,
                [$"HT-{split.District}"] = split.Commune1,
                [$"LAND-{split.District}"] = split.Department,
                [$"DONE-{split.District}"] = split.District,
            }, ignoreOrder: true);
            db.Set<RoleAssignment>().Where(r => r.Unit!.Code == split.District || r.Unit.Code == split.Office).ShouldBeEmpty();
            db.Set<RoleAssignment>().Count(r => r.Unit!.Code == split.Commune1 && (r.UserId == split.SpecialistId || r.UserId == split.DeskId)).ShouldBe(2);
            db.ProcedureProviders.Any(p => p.Procedure!.Code == Land && p.Unit!.Code == split.Department).ShouldBeTrue();
            db.ProcedureProviders.Any(p => p.Procedure!.Code == Attestation && p.Unit!.Code == split.Commune2).ShouldBeTrue();
            var process = db.ProcessDefinitions.Include(p => p.Steps).Single(p => p.Procedure!.Code == Land && p.Unit!.Code == split.Department);
            process.Steps.Select(s => (s.Name, s.OfficeUnitId)).ShouldBe([("Thẩm định hồ sơ", (int?)null)]);
            return 0;
        });

        // Applying the same preview again finds the district closed.
        (await split.Admin.PostAsJsonAsync($"/api/v1/units/{split.District}/reorganisation", Body(split, plan.GetProperty("token").GetString())))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Reports_roll_each_part_of_a_split_district_into_its_successor_and_the_district_keeps_its_history()
    {
        var split = await ArrangeAsync();
        await ReportConsistencyTests.ImportAsync(split.Admin,
        [
            Row($"LAND-{split.District}", Land, split.District, "2025-06-10T09:00:00+07:00", "2025-06-24T09:00:00+07:00"),
            Row($"HT-{split.District}", CivilStatus, split.Office, "2025-06-20T09:00:00+07:00", "2025-07-20T09:00:00+07:00"),
            Row($"CT-{split.District}", Attestation, split.District, "2025-06-25T09:00:00+07:00", "2025-07-10T09:00:00+07:00"),
            Row($"OLD-{split.District}", Land, split.District, "2023-03-06T09:00:00+07:00", "2023-03-20T09:00:00+07:00", finishedAt: "2023-03-15T10:00:00+07:00"),
            Row($"HT2-{split.District}", CivilStatus, split.District, "2025-05-05T09:00:00+07:00", "2025-05-19T09:00:00+07:00", finishedAt: "2025-05-08T10:00:00+07:00"),
            Row($"OWN-{split.Department}", Land, split.Department, "2025-08-04T09:00:00+07:00", "2025-08-18T09:00:00+07:00"),
        ]);
        var plan = await (await PreviewAsync(split)).Content.ReadFromJsonAsync<JsonElement>();
        (await split.Admin.PostAsJsonAsync($"/api/v1/units/{split.District}/reorganisation", Body(split, plan.GetProperty("token").GetString())))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var supervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, Province));

        async Task<JsonElement> Figures(string unit, string from = "2025-01-01", string to = "2025-12-31") =>
            await PeriodFiguresApiTests.SummaryAsync(supervisor, unit, from, to);
        int Received(JsonElement figures) => figures.GetProperty("receivedNew").GetInt32();

        var department = await Figures(split.Department);
        var commune1 = await Figures(split.Commune1);
        var commune2 = await Figures(split.Commune2);
        var district = await Figures(split.District);
        (Received(department), Received(commune1), Received(commune2)).ShouldBe((2, 2, 1));
        Received(district).ShouldBe(4);
        (Received(department) - 1 + Received(commune1) + Received(commune2)).ShouldBe(Received(district));
        // The open stock moved with the dossiers: the district ends the year with nothing in progress.
        (district.GetProperty("inProgressWithinDeadline").GetInt32() + district.GetProperty("inProgressOverdue").GetInt32()).ShouldBe(0);
        department.GetProperty("inProgressOverdue").GetInt32().ShouldBe(2);
        (await PeriodFiguresApiTests.DrillDownAsync(supervisor, split.Department, "2025-01-01", "2025-12-31", "ReceivedNew"))
            .ShouldBe([$"LAND-{split.District}", $"OWN-{split.Department}"], ignoreOrder: true);
        Received(await Figures(split.District, "2023-01-01", "2023-12-31")).ShouldBe(1);
        Received(await Figures(split.Department, "2023-01-01", "2023-12-31")).ShouldBe(1);
        Received(await Figures(split.Commune1, "2023-01-01", "2023-12-31")).ShouldBe(0);
    }

    [Fact]
    public async Task An_apply_after_the_data_changed_is_refused_and_changes_nothing()
    {
        var split = await ArrangeAsync();
        var plan = await (await PreviewAsync(split)).Content.ReadFromJsonAsync<JsonElement>();
        await ReportConsistencyTests.ImportAsync(split.Admin, [Row($"LATE-{split.District}", Land, split.District, "2025-06-26T09:00:00+07:00", "2025-07-10T09:00:00+07:00")]);

        var stale = await split.Admin.PostAsJsonAsync($"/api/v1/units/{split.District}/reorganisation", Body(split, plan.GetProperty("token").GetString()));

        (await stale.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("type").GetString().ShouldEndWith("stale-preview");
        app.WithDb(db => db.Units.Single(u => u.Code == split.District).ValidTo).ShouldBeNull();
        app.WithDb(db => db.Dossiers.Single(d => d.Code == $"LATE-{split.District}").HandlingUnitPath).ShouldEndWith(split.District + "/");
        app.WithDb(db => db.Set<RoleAssignment>().Count(r => r.Unit!.Code == split.Office)).ShouldBe(1);
        var fresh = await (await PreviewAsync(split)).Content.ReadFromJsonAsync<JsonElement>();
        fresh.GetProperty("counts").GetProperty("dossiers").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Of_two_applies_of_one_preview_at_once_one_wins()
    {
        var split = await ArrangeAsync();
        await ReportConsistencyTests.ImportAsync(split.Admin, [Row($"RACE-{split.District}", Land, split.District, "2025-06-26T09:00:00+07:00", "2025-07-10T09:00:00+07:00")]);
        var plan = await (await PreviewAsync(split)).Content.ReadFromJsonAsync<JsonElement>();
        var body = Body(split, plan.GetProperty("token").GetString());

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => split.Admin.PostAsJsonAsync($"/api/v1/units/{split.District}/reorganisation", body)));

        responses.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], ignoreOrder: true);
        app.WithDb(db => db.AuditEvents.Count(e => e.StreamId == "Unit:" + split.District && e.Action == "unit.reorganised")).ShouldBe(1);
        var id = app.WithDb(db => db.Dossiers.Single(d => d.Code == $"RACE-{split.District}").Id);
        app.WithDb(db => db.AuditEvents.Count(e => e.StreamId == "Dossier:" + id && e.Action == "dossier.handed-over")).ShouldBe(1);
    }

    [Fact]
    public async Task A_rule_must_name_one_domain_or_one_procedure_and_a_successor_outside_the_unit()
    {
        var split = await ArrangeAsync();
        var response = await split.Admin.PostAsJsonAsync($"/api/v1/units/{split.District}/reorganisation/preview", new
        {
            effectiveDate = "2025-07-01",
            defaultSuccessorCode = split.Office,
            rules = new object[]
            {
                new { domainCode = "DD", procedureCode = Land, successorCode = split.Department },
                new { domainCode = "KHONG-CO", successorCode = split.Department },
            },
        });

        var errors = (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["defaultSuccessorCode", "rules[0]", "rules[1].domainCode"], ignoreOrder: true);
    }

    private const string Province = "000.00.00.H50";

    private sealed record Split(string District, string Office, string Department, string Commune1, string Commune2, HttpClient Admin, Guid SpecialistId, Guid DeskId);

    private async Task<Split> ArrangeAsync()
    {
        var district = await app.CreateUnitAsync(Province, UnitKind.District);
        var office = await app.CreateUnitAsync(district, UnitKind.Office, "Phòng Tài nguyên và Môi trường");
        var department = await app.CreateUnitAsync(Province, UnitKind.Office, "Sở Nông nghiệp và Môi trường");
        var commune1 = await app.CreateUnitAsync(Province);
        var commune2 = await app.CreateUnitAsync(Province);
        var specialist = await app.CreateStaffAsync(StaffRole.Specialist, office);
        var desk = await app.CreateStaffAsync(StaffRole.DeskOfficer, district);
        foreach (var code in new[] { Land, CivilStatus, Attestation })
        {
            await app.ProvideAsync(code, district);
        }

        await app.ProvideAsync(CivilStatus, commune1);
        app.WithDb(db =>
        {
            var process = new ProcessDefinition { ProcedureId = db.Procedures.Single(p => p.Code == Land).Id, UnitId = db.Units.Single(u => u.Code == district).Id };
            process.Replace([new ProcessStep { Order = 1, Name = "Thẩm định hồ sơ", OfficeUnitId = db.Units.Single(u => u.Code == office).Id, Role = StaffRole.Specialist, Hours = 40 }]);
            db.ProcessDefinitions.Add(process);
            return db.SaveChanges();
        });
        var ids = app.WithDb(db => db.Users.Where(u => u.UserName == specialist || u.UserName == desk).ToDictionary(u => u.UserName!, u => u.Id));
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, Province));
        return new Split(district, office, department, commune1, commune2, admin, ids[specialist], ids[desk]);
    }

    private async Task<HttpResponseMessage> PreviewAsync(Split split)
    {
        var response = await split.Admin.PostAsJsonAsync($"/api/v1/units/{split.District}/reorganisation/preview", Body(split, null));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response;
    }

    private static object Body(Split split, string? token) => new
    {
        effectiveDate = "2025-07-01",
        defaultSuccessorCode = split.Commune1,
        rules = new object[]
        {
            new { domainCode = "DD", successorCode = split.Department },
            new { procedureCode = Attestation, successorCode = split.Commune2 },
        },
        previewToken = token,
    };

    private static object Row(string code, string procedure, string unit, string receivedAt, string dueAt, string? finishedAt = null) =>
        new { code, procedureCode = procedure, unitCode = unit, ownerName = "Lê Thị Hoa", receivedAt, dueAt, finishedAt, returnedAt = finishedAt };

    private static Dictionary<string, string> Moves(JsonElement plan, string list, string key, string value) =>
        plan.GetProperty(list).EnumerateArray().ToDictionary(m => m.GetProperty(key).GetString()!, m => m.GetProperty(value).GetString()!);
}
