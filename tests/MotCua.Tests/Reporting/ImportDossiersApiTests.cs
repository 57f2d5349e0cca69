using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;

namespace MotCua.Tests.Reporting;

/// <summary>The historical import: validated per row, all or nothing, recorded in the history; imported dossiers are real dossiers.</summary>
[Collection(AppCollection.Name)]
public sealed class ImportDossiersApiTests(MotCuaFactory app)
{
    private const string Header = "code,procedureCode,unitCode,channel,ownerName,receivedAt,dueAt,suspensions,finishedAt,returnedAt,withdrawnAt,refusedAt,reason";

    [Fact]
    public async Task A_file_with_bad_rows_is_refused_with_a_report_per_row_and_nothing_is_written()
    {
        var (unit, admin) = await ArrangeAsync();
        var other = await app.CreateUnitAsync("000.00.00.H50");
        var csv = string.Join("\r\n",
            Header,
            $"IMP-{unit}-1,2.000528,{unit},Counter,Nguyễn Văn A,2022-03-01T09:00:00+07:00,2022-03-08T09:00:00+07:00,,2022-03-07T10:00:00+07:00,,,,",
            $"IMP-{unit}-2,9.999999,{unit},Counter,Nguyễn Văn B,2022-03-01T09:00:00+07:00,2022-03-08T09:00:00+07:00,,,,,,",
            $"IMP-{unit}-3,2.000528,{unit},Counter,Nguyễn Văn C,2022-03-01T09:00:00+07:00,2022-02-28T09:00:00+07:00,,,,,,",
            $"IMP-{unit}-4,2.000528,{unit},Counter,Nguyễn Văn D,2022-03-01 09:00,2022-03-08 09:00,,2022-02-20 10:00,,,,",
            $"IMP-{unit}-5,2.000528,{unit},Counter,Nguyễn Văn E,2022-03-01 09:00,2022-03-08 09:00,2022-03-02 09:00|2022-03-05 09:00|2022-03-10 09:00;2022-03-04 09:00|2022-03-06 09:00|2022-03-12 09:00,,,,,",
            $"IMP-{unit}-1,2.000528,{unit},Counter,Nguyễn Văn F,2022-03-01 09:00,2022-03-08 09:00,,,,,,",
            $"IMP-{unit}-7,2.000528,{other},Counter,Nguyễn Văn G,2022-03-01 09:00,2022-03-08 09:00,,,,,,",
            $"IMP-{unit}-8,2.000528,{unit},Fax,Nguyễn Văn H,2022-03-01 09:00,2022-03-08 09:00,,,,,,");
        var response = await admin.PostAsync("/api/v1/imports/dossiers", new StringContent(csv, Encoding.UTF8, "text/csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(
            ["rows[2].procedureCode", "rows[3].dueAt", "rows[4].finishedAt", "rows[5].suspensions[1]", "rows[6].code", "rows[7].unitCode", "rows[8].channel"],
            ignoreOrder: true);
        errors.GetProperty("rows[2].procedureCode")[0].GetString().ShouldBe("Không có thủ tục mã 9.999999.");
        app.WithDb(db => db.Dossiers.Count(d => d.Code!.StartsWith("IMP-" + unit))).ShouldBe(0);
    }

    [Fact]
    public async Task Imported_dossiers_are_real_dossiers_in_the_reports_and_the_import_is_in_the_history()
    {
        var (unit, admin) = await ArrangeAsync();
        var csv = string.Join("\r\n",
            Header,
            $"IMP-{unit}-1,2.000528,{unit},Online,Nguyễn Văn A,2022-03-01T09:00:00+07:00,2022-03-08T09:00:00+07:00,,2022-03-08T16:00:00+07:00,2022-03-09T08:00:00+07:00,,,",
            $"IMP-{unit}-2,2.000528,{unit},Counter,Nguyễn Văn B,2022-03-02 09:00,2022-03-09 09:00,2022-03-03 09:00|2022-03-07 09:00|2022-03-14 09:00,2022-03-15 10:00,,,,",
            $"IMP-{unit}-3,2.000528,{unit},Postal,Nguyễn Văn C,2022-03-03 09:00,2022-03-10 09:00,,,,2022-03-04 09:00,,Công dân rút",
            $"IMP-{unit}-4,2.000528,{unit},,Nguyễn Văn D,,,,,,,2022-03-04 10:00,Không thuộc thẩm quyền");
        var response = await admin.PostAsync("/api/v1/imports/dossiers", new StringContent(csv, Encoding.UTF8, "text/csv"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("imported").GetInt32().ShouldBe(4);
        body.GetProperty("received").GetInt32().ShouldBe(3);

        var dossier = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/IMP-{unit}-1");
        dossier.GetProperty("state").GetString().ShouldBe("Returned");
        dossier.GetProperty("receivedAt").GetString().ShouldBe("2022-03-01T09:00:00+07:00");

        var report = await PeriodFiguresApiTests.SummaryAsync(admin, unit, "2022-03-01", "2022-03-31");
        report.GetProperty("receivedNew").GetInt32().ShouldBe(3);
        report.GetProperty("receivedOnline").GetInt32().ShouldBe(1);
        report.GetProperty("receivedPostal").GetInt32().ShouldBe(1);
        report.GetProperty("resolvedOnTime").GetInt32().ShouldBe(1);
        report.GetProperty("resolvedLate").GetInt32().ShouldBe(1);
        report.GetProperty("withdrawn").GetInt32().ShouldBe(1);
        report.GetProperty("refused").GetInt32().ShouldBe(1);
        report.GetProperty("digitised").GetInt32().ShouldBe(1);
        report.GetProperty("onlineShare").GetDecimal().ShouldBe(0.3333m);

        app.WithDb(db => db.AuditEvents.Count(e => e.Action == "dossiers.imported" && e.After!.Contains($"IMP-{unit}-4"))).ShouldBe(1);
    }

    [Fact]
    public async Task Transfers_to_another_agency_are_imported_into_the_control_slip_and_bad_or_unknown_fields_are_refused()
    {
        var (unit, admin) = await ArrangeAsync();
        var department = await app.CreateUnitAsync("000.00.00.H50");
        object Row(string code, object[] transfers, string? finishedAt = "2022-05-16T10:00:00+07:00") => new
        {
            code = $"{code}-{unit}",
            procedureCode = "2.000528",
            unitCode = unit,
            ownerName = "Lê Văn A",
            receivedAt = "2022-05-03T09:00:00+07:00",
            dueAt = "2022-05-17T09:00:00+07:00",
            transfers,
            finishedAt,
        };

        var bad = await admin.PostAsJsonAsync("/api/v1/imports/dossiers", new[]
        {
            Row("T1", [new { sentAt = "2022-05-05T09:00:00+07:00", toUnitCode = department, answeredAt = "2022-05-04T09:00:00+07:00", accepted = true }]),
            Row("T2", [new { sentAt = "2022-05-05T09:00:00+07:00", toUnitCode = "999.99.99.X99", answeredAt = "2022-05-06T09:00:00+07:00", accepted = true }]),
            Row("T3", [new { sentAt = "2022-05-05T09:00:00+07:00", toUnitCode = department }]),
            Row("T4", [new { sentAt = "2022-05-05T09:00:00+07:00", toUnitCode = department, answeredAt = "2022-05-06T09:00:00+07:00" }]),
        });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldBe(["rows[1].transfers[0]", "rows[2].transfers[0].toUnitCode", "rows[3].transfers[0]", "rows[4].transfers[0].accepted"], ignoreOrder: true);

        // A misspelt field would silently lose part of the timeline.
        var misspelt = await admin.PostAsJsonAsync("/api/v1/imports/dossiers", new[] { new { code = $"T5-{unit}", transfer = "2022-05-05" } });
        misspelt.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        app.WithDb(db => db.Dossiers.Count(d => d.Code!.EndsWith("-" + unit))).ShouldBe(0);

        var imported = await admin.PostAsJsonAsync("/api/v1/imports/dossiers", new[]
        {
            Row("T6",
            [
                new { sentAt = "2022-05-04T09:00:00+07:00", toUnitCode = department, answeredAt = "2022-05-05T10:00:00+07:00", accepted = false, reason = "Thiếu văn bản đề nghị" },
                new { sentAt = "2022-05-06T09:00:00+07:00", toUnitCode = department, answeredAt = "2022-05-09T15:00:00+07:00", accepted = true, reason = (string?)null },
            ]),
        });
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var slip = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/T6-{unit}/control-slip");
        slip.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("at").GetString())).ShouldBe(
        [
            ("Transfer", "2022-05-04T09:00:00+07:00"), ("TransferRejected", "2022-05-05T10:00:00+07:00"),
            ("Transfer", "2022-05-06T09:00:00+07:00"), ("TransferAccepted", "2022-05-09T15:00:00+07:00"),
        ]);
        (await PeriodFiguresApiTests.SummaryAsync(admin, unit, "2022-05-01", "2022-05-31")).GetProperty("resolvedEarly").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Two_imports_of_the_same_dossier_at_once_write_it_once()
    {
        var (unit, admin) = await ArrangeAsync();
        var rows = new[] { new { code = $"TWICE-{unit}", procedureCode = "2.000528", unitCode = unit, ownerName = "Ngô Văn A", receivedAt = "2022-04-04T09:00:00+07:00", dueAt = "2022-04-11T09:00:00+07:00" } };

        var responses = await Task.WhenAll(admin.PostAsJsonAsync("/api/v1/imports/dossiers", rows), admin.PostAsJsonAsync("/api/v1/imports/dossiers", rows));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Single(r => r.StatusCode != HttpStatusCode.OK).StatusCode.ShouldBeOneOf(HttpStatusCode.Conflict, HttpStatusCode.BadRequest);
        app.WithDb(db => db.Dossiers.Count(d => d.Code == $"TWICE-{unit}")).ShouldBe(1);
        (await PeriodFiguresApiTests.SummaryAsync(admin, unit, "2022-04-01", "2022-04-30")).GetProperty("receivedNew").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Figures_of_a_merged_commune_roll_up_into_its_successor_and_a_commune_sees_only_itself()
    {
        var district = await app.CreateUnitAsync("000.00.00.H50", UnitKind.District);
        var merged = await app.CreateUnitAsync(district);
        var successor = await app.CreateUnitAsync(district);
        var outside = await app.CreateUnitAsync("000.00.00.H50");
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, district));
        await ReportConsistencyTests.ImportAsync(admin,
        [
            new { code = $"M-{merged}", procedureCode = "1.004873", unitCode = merged, ownerName = "Trần Thị A", receivedAt = "2024-05-06T09:00:00+07:00", dueAt = "2024-05-09T09:00:00+07:00" },
            new { code = $"S-{successor}", procedureCode = "1.004873", unitCode = successor, ownerName = "Trần Thị B", receivedAt = "2024-05-07T09:00:00+07:00", dueAt = "2024-05-10T09:00:00+07:00" },
        ]);
        app.WithDb(db =>
        {
            // Resolution 1680/NQ-UBTVQH15: the commune ends on 30/6/2025 and is carried on by its successor.
            var unit = db.Units.Single(u => u.Code == merged);
            unit.MergeInto(db.Units.Single(u => u.Code == successor), new DateOnly(2025, 7, 1));
            return db.SaveChanges();
        });

        var successorStaff = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, successor));
        var report = await PeriodFiguresApiTests.SummaryAsync(successorStaff, successor, "2024-05-01", "2024-05-31", "&rowsBy=Unit");
        report.GetProperty("receivedNew").GetInt32().ShouldBe(2);
        report.GetProperty("inProgressOverdue").GetInt32().ShouldBe(2);
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        rows.Single().GetProperty("key").GetString().ShouldBe(successor);
        rows.Single().GetProperty("figures").GetProperty("receivedNew").GetInt32().ShouldBe(2);
        (await PeriodFiguresApiTests.DrillDownAsync(successorStaff, successor, "2024-05-01", "2024-05-31", "ReceivedNew", $"&rowsBy=Unit&rowKey={successor}"))
            .ShouldBe([$"M-{merged}", $"S-{successor}"], ignoreOrder: true);

        var supervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, district));
        (await PeriodFiguresApiTests.SummaryAsync(supervisor, district, "2024-05-01", "2024-05-31")).GetProperty("receivedNew").GetInt32().ShouldBe(2);
        (await successorStaff.GetAsync($"/api/v1/reports/summary?from=2024-05-01&to=2024-05-31&unitCode={district}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await supervisor.GetAsync($"/api/v1/reports/summary?from=2024-05-01&to=2024-05-31&unitCode={outside}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bad = await supervisor.GetAsync($"/api/v1/reports/summary?from=2024-05-31&to=2024-05-01&unitCode={district}&channel=Fax");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("to", out _).ShouldBeTrue();
        errors.TryGetProperty("channel", out _).ShouldBeTrue();
    }

    private async Task<(string Unit, HttpClient Admin)> ArrangeAsync()
    {
        var unit = await app.CreateUnitAsync("000.00.00.H50", UnitKind.District);
        return (unit, await app.SignInAsync(await app.CreateStaffAsync(StaffRole.UnitAdmin, unit)));
    }
}
