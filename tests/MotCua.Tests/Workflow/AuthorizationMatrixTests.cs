using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;
using static MotCua.Tests.Workflow.WorkflowApiTests;

namespace MotCua.Tests.Workflow;

/// <summary>
/// Who may read a dossier and do its main actions, by role and by where the role sits against the handling unit: the unit
/// itself, an office of it, its parent (the province), a sibling commune, and the agency on the other side of a transfer.
/// The process: step 1 by a specialist of the office, step 2 by the other agency (một cửa liên thông).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AuthorizationMatrixTests(MotCuaFactory app)
{
    private const string MaritalStatus = "1.004873";
    private const string Province = "000.00.00.H50";

    private enum Relation
    {
        Own,
        Office,
        Parent,
        Sibling,
        TransferAgency,
    }

    private static readonly StaffRole[] Roles = [StaffRole.DeskOfficer, StaffRole.Specialist, StaffRole.Leader, StaffRole.UnitAdmin, StaffRole.Supervisor];

    /// <summary>
    /// Reading, at each stage. Every role of the unit and of the province reads the dossier; a role in the office reads it
    /// while its office does the step; the other agency only while the transfer is on it; a sibling commune never does.
    /// </summary>
    private static bool Reads(Relation relation, Stage stage) => relation switch
    {
        Relation.Own or Relation.Parent => true,
        Relation.Office => stage == Stage.AtOffice,
        Relation.TransferAgency => stage == Stage.AtAgency,
        Relation.Sibling => false,
    };

    /// <summary>The actions, with the cells allowed to do them (role, relation); every other cell is refused.</summary>
    private static readonly (string Action, (StaffRole Role, Relation Relation)[] Allowed)[] Actions =
    [
        // A leader over the office (its own, the unit's or the province's) assigns the office's step.
        ("assign", [(StaffRole.Leader, Relation.Office), (StaffRole.Leader, Relation.Own), (StaffRole.Leader, Relation.Parent)]),

        // The office's step, unassigned, is done by a specialist who covers the office.
        ("forward", [(StaffRole.Specialist, Relation.Office), (StaffRole.Specialist, Relation.Own), (StaffRole.Specialist, Relation.Parent)]),

        // The apology is signed by the head of the handling unit (or above it), not by an office's leader.
        ("extend", [(StaffRole.Leader, Relation.Own), (StaffRole.Leader, Relation.Parent)]),

        // The other agency's specialists answer the transfer.
        ("transfer/accept", [(StaffRole.Specialist, Relation.TransferAgency), (StaffRole.Specialist, Relation.Parent)]),

        // The result goes back through the receiving desk.
        ("return", [(StaffRole.DeskOfficer, Relation.Own), (StaffRole.DeskOfficer, Relation.Parent)]),
    ];

    [Fact]
    public async Task Each_role_reads_and_acts_on_a_dossier_only_from_where_it_sits()
    {
        var world = await ArrangeAsync();
        var cells = new List<(StaffRole Role, Relation Relation, HttpClient Client)>();
        foreach (var relation in Enum.GetValues<Relation>())
        {
            foreach (var role in Roles)
            {
                cells.Add((role, relation, await app.SignInAsync(await app.CreateStaffAsync(role, world.UnitOf[relation]))));
            }
        }

        var citizen = await app.SignInAsync("0912345678");
        var failures = new List<string>();

        // Reading, at the office's step, at the other agency's, and back at the desk with the result.
        foreach (var stage in Enum.GetValues<Stage>())
        {
            var code = await world.NewDossierAsync(stage);
            foreach (var (role, relation, client) in cells)
            {
                var status = (await client.GetAsync($"/api/v1/dossiers/{code}")).StatusCode;
                var expected = Reads(relation, stage) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                if (status != expected)
                {
                    failures.Add($"read {stage}: {role} at {relation} got {(int)status}, expected {(int)expected}");
                }
            }

            (await citizen.GetAsync($"/api/v1/dossiers/{code}")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        }

        // Acting: refused cells try on one dossier, which must not move; each allowed cell succeeds on a dossier of its own.
        foreach (var (action, allowed) in Actions)
        {
            var stage = action switch { "transfer/accept" => Stage.AtAgency, "return" => Stage.Processed, _ => Stage.AtOffice };
            var shared = await world.NewDossierAsync(stage);
            foreach (var (role, relation, client) in cells.Where(c => !allowed.Contains((c.Role, c.Relation))))
            {
                var status = (await world.ActAsync(client, shared, action)).StatusCode;
                var expected = Reads(relation, stage) ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound;
                if (status != expected)
                {
                    failures.Add($"{action}: {role} at {relation} got {(int)status}, expected {(int)expected}");
                }
            }

            var citizenStatus = (await world.ActAsync(citizen, shared, action)).StatusCode;
            if (citizenStatus is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
            {
                failures.Add($"{action}: citizen got {(int)citizenStatus}");
            }

            app.WithDb(db => db.Dossiers.Single(d => d.Code == shared).Version).ShouldBe(world.VersionOf(shared), $"{action} moved the dossier");
            foreach (var (role, relation, client) in cells.Where(c => allowed.Contains((c.Role, c.Relation))))
            {
                var own = await world.NewDossierAsync(stage);
                var response = await world.ActAsync(client, own, action);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{action}: {role} at {relation} got {(int)response.StatusCode}, expected 200: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    private enum Stage
    {
        AtOffice,
        AtAgency,
        Processed,
    }

    private async Task<World> ArrangeAsync()
    {
        var (unit, desk) = await app.DeskAsync(MaritalStatus);
        var office = await app.CreateUnitAsync(unit, UnitKind.Office, "Phòng Văn hóa - Xã hội");
        var sibling = await app.CreateUnitAsync(Province);
        var agency = await app.CreateUnitAsync(Province, UnitKind.Office, "Sở Tư pháp thử");
        var workerName = await app.CreateStaffAsync(StaffRole.Specialist, office);
        var world = new World(app, desk, workerName, await app.SignInAsync(workerName),
            await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Specialist, agency)),
            new Dictionary<Relation, string>
            {
                [Relation.Own] = unit,
                [Relation.Office] = office,
                [Relation.Parent] = Province,
                [Relation.Sibling] = sibling,
                [Relation.TransferAgency] = agency,
            });
        new WorkflowApiTests(app).DefineProcess(unit, db =>
        [
            new ProcessStep
            {
                Order = 1, Name = "Thẩm định hồ sơ", Role = StaffRole.Specialist, Hours = 16,
                OfficeUnitId = db.Units.Where(u => u.Code == office).Select(u => u.Id).Single(),
            },
            new ProcessStep
            {
                Order = 2, Name = "Xác minh của cơ quan phối hợp", Role = StaffRole.Specialist, Hours = 8, InterAgency = true,
                OfficeUnitId = db.Units.Where(u => u.Code == agency).Select(u => u.Id).Single(),
            },
        ]);
        return world;
    }

    /// <summary>The arranged units and the officers who move dossiers to the stage a check needs.</summary>
    private sealed class World(MotCuaFactory app, HttpClient desk, string workerName, HttpClient worker, HttpClient agency,
        Dictionary<Relation, string> unitOf)
    {
        public Dictionary<Relation, string> UnitOf => unitOf;

        public int VersionOf(string code) => app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Version);

        public async Task<string> NewDossierAsync(Stage stage)
        {
            var received = await desk.PostAsJsonAsync("/api/v1/dossiers", Dossiers.IntakeApiTests.Body(MaritalStatus));
            received.StatusCode.ShouldBe(HttpStatusCode.Created, await received.Content.ReadAsStringAsync());
            var code = (await received.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
            await OkAsync(desk, code, "start", new { version = 1 });
            if (stage == Stage.AtOffice)
            {
                return code;
            }

            await OkAsync(worker, code, "forward", new { version = VersionOf(code) });
            if (stage == Stage.AtAgency)
            {
                return code;
            }

            await OkAsync(agency, code, "transfer/accept", new { version = VersionOf(code) });
            var attached = await ResultsApiTests.AttachAsync(agency, code, VersionOf(code));
            await OkAsync(agency, code, "forward", new { version = attached });
            return code;
        }

        /// <summary>The action with a valid body at the dossier's current version.</summary>
        public Task<HttpResponseMessage> ActAsync(HttpClient client, string code, string action)
        {
            var version = VersionOf(code);
            object body = action switch
            {
                "assign" => new { version, assigneeUserName = workerName },
                "extend" => new { version, newDueAt = DateTimeOffset.UtcNow.AddDays(60).ToOffset(TimeSpan.FromHours(7)), reason = "Chờ xác minh" },
                _ => new { version },
            };
            return client.PostAsJsonAsync($"/api/v1/dossiers/{code}/{action}", body);
        }

        private static async Task OkAsync(HttpClient client, string code, string action, object body)
        {
            var response = await client.PostAsJsonAsync($"/api/v1/dossiers/{code}/{action}", body);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }
    }
}
