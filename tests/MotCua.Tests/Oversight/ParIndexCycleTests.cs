using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Identity;
using MotCua.Web.Units;
using Shouldly;
using static MotCua.Tests.Oversight.ParIndexFixtures;

namespace MotCua.Tests.Oversight;

/// <summary>The year's cycle of the reform index: self-assessment with evidence, appraisal, finalisation, publication; ranks and lost points.</summary>
[Collection(AppCollection.Name)]
public sealed class ParIndexCycleTests(MotCuaFactory app)
{
    [Fact]
    public async Task A_unit_self_assesses_with_evidence_the_appraiser_adjusts_and_after_finalisation_nothing_changes()
    {
        var (province, supervisor) = await ProvinceAsync(app);
        var commune = await app.CreateUnitAsync(province, UnitKind.Commune);
        var leader = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Leader, commune));
        var desk = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.DeskOfficer, commune));
        var id = await CreateAsync(supervisor, Tree(province, 2025));

        // Only the unit's leaders score it, and only self-assessed criteria; points within the maximum, with an explanation.
        (await SelfAssessAsync(desk, id, commune, "1.3", 20, 0)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SelfAssessAsync(leader, id, commune, "2.1", 5, 0)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await (await SelfAssessAsync(leader, id, commune, "1.3", 30.5m, 0)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var version = await VersionOfAsync(await SelfAssessAsync(leader, id, commune, "1.3", 28, 0));
        // A writer that did not see the last change loses.
        (await SelfAssessAsync(leader, id, commune, "1.3", 29, 0)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        using var form = new MultipartFormDataContent
        {
            { new StringContent(version.ToString(System.Globalization.CultureInfo.InvariantCulture)), "version" },
        };
        var pdf = new ByteArrayContent("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray());
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(pdf, "files", "bien-ban-niem-yet.pdf");
        var attached = await leader.PostAsync($"/api/v1/oversight/par-index/frameworks/{id}/units/{commune}/criteria/1.3/evidence", form);
        attached.StatusCode.ShouldBe(HttpStatusCode.OK, await attached.Content.ReadAsStringAsync());
        var score = await attached.Content.ReadFromJsonAsync<JsonElement>();
        version = score.GetProperty("version").GetInt32();
        var evidence = score.GetProperty("evidence")[0];
        evidence.GetProperty("fileName").GetString().ShouldBe("bien-ban-niem-yet.pdf");
        (await supervisor.GetByteArrayAsync($"/api/v1/oversight/par-index/frameworks/{id}/units/{commune}/criteria/1.3/evidence/{evidence.GetProperty("id").GetGuid()}"))
            .Length.ShouldBeGreaterThan(10);

        // The Department of Home Affairs adjusts; the unit's own supervisor cannot, nor can anyone appraise an automatic criterion.
        var communeSupervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, commune));
        (await AppraiseAsync(communeSupervisor, id, commune, "1.3", 20, version, "Thiếu")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await AppraiseAsync(supervisor, id, commune, "1.1", 20, 0, "Đủ")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await VersionOfAsync(await AppraiseAsync(supervisor, id, commune, "1.3", 22.5m, version, "Niêm yết chưa đủ tại Bộ phận Một cửa"));

        var card = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/oversight/par-index/frameworks/{id}/units/{commune}");
        var publicity = card.GetProperty("lostPoints").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "1.3");
        publicity.GetProperty("points").GetDecimal().ShouldBe(22.5m);
        publicity.GetProperty("reason").GetString().ShouldBe("Thẩm định điều chỉnh từ 28,00 xuống 22,50 điểm: Niêm yết chưa đủ tại Bộ phận Một cửa");

        (await CycleAsync(supervisor, id, "publication")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var finalised = await CycleAsync(supervisor, id, "finalisation");
        finalised.StatusCode.ShouldBe(HttpStatusCode.OK, await finalised.Content.ReadAsStringAsync());
        (await finalised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString().ShouldBe("Finalised");
        (await SelfAssessAsync(leader, id, commune, "1.3", 30, version + 1)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var afterwards = await AppraiseAsync(supervisor, id, commune, "2.1", 10, 0, "Đủ");
        afterwards.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await afterwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()
            .ShouldBe("Kết quả Chỉ số cải cách hành chính năm này đã chốt: không thay đổi được nữa.");
        (await CycleAsync(supervisor, id, "finalisation")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Every step is in the criterion's history, in order, with who did it in which role.
        var history = app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == $"ParIndexScore:{id}:{commune}:1.3").OrderBy(e => e.Sequence)
            .Select(e => new { e.Action, e.ActorRole }).ToList());
        history.Select(h => (h.Action, h.ActorRole)).ShouldBe(
            [("par-index.self-assessed", "Leader"), ("par-index.evidence-attached", "Leader"), ("par-index.appraised", "Supervisor")]);
        app.WithDb(db => db.AuditEvents.Count(e => e.StreamId == $"ParIndexFramework:{province}:2025" && e.Action == "par-index.finalised")).ShouldBe(1);
    }

    [Fact]
    public async Task Of_two_concurrent_writers_of_a_score_one_wins_and_the_other_gets_409_and_a_request_without_a_version_is_refused()
    {
        var (province, supervisor) = await ProvinceAsync(app);
        var commune = await app.CreateUnitAsync(province, UnitKind.Commune);
        var leader = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Leader, commune));
        var otherLeader = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Leader, commune));
        var id = await CreateAsync(supervisor, Tree(province, 2025));
        var missing = await leader.PutAsJsonAsync($"/api/v1/oversight/par-index/frameworks/{id}/units/{commune}/criteria/1.3/self-assessment",
            new { points = 20, explanation = "Đủ" });
        (await missing.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("version")[0].GetString().ShouldBe("Bắt buộc nhập.");

        // Both saw no score yet: the first insert wins, the second collides on the unit and criterion.
        var first = await Task.WhenAll(SelfAssessAsync(leader, id, commune, "1.3", 20, 0, "Lần một"), SelfAssessAsync(otherLeader, id, commune, "1.3", 25, 0, "Lần hai"));
        first.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], ignoreOrder: true);
        var version = app.WithDb(db => db.ParIndexScores.Single(s => s.FrameworkId == id).Version);
        // Both saw the same version: one update wins.
        var second = await Task.WhenAll(SelfAssessAsync(leader, id, commune, "1.3", 21, version), AppraiseAsync(supervisor, id, commune, "1.3", 15, version, "Thiếu"));
        second.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], ignoreOrder: true);
        app.WithDb(db => db.AuditEvents.Count(e => e.StreamId == $"ParIndexScore:{id}:{commune}:1.3")).ShouldBe(2);
    }

    [Fact]
    public async Task Results_rank_units_overall_and_per_area_show_the_change_from_last_year_and_are_public_once_published()
    {
        var (id, province, weaker, stronger) = await PublishedAsync(app, 2024);
        var supervisor = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Supervisor, province));
        // A commune added after the year closed joins next year's ranking, not the closed one.
        var added = await app.CreateUnitAsync(province, UnitKind.Commune);
        var closed = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/oversight/par-index/frameworks/{id}/results");
        closed.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("unitCode").GetString()).ShouldBe([stronger, weaker]);
        // Next year from a copy of the tree: the weaker commune improves on publicity and the survey.
        var copy = await supervisor.PostAsJsonAsync($"/api/v1/oversight/par-index/frameworks/{id}/copies", new { year = 2025 });
        copy.StatusCode.ShouldBe(HttpStatusCode.Created, await copy.Content.ReadAsStringAsync());
        var next = (await copy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await VersionOfAsync(await AppraiseAsync(supervisor, next, weaker, "1.3", 30, 0, "Đã niêm yết đầy đủ"));
        await VersionOfAsync(await AppraiseAsync(supervisor, next, weaker, "2.2", 29.5m, 0, "Chỉ số hài lòng của người dân"));
        await VersionOfAsync(await AppraiseAsync(supervisor, next, stronger, "1.3", 25, 0, "Thiếu niêm yết điện tử"));

        var results = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/oversight/par-index/frameworks/{next}/results");
        var rows = results.GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => (r.GetProperty("rank").GetInt32(), r.GetProperty("unitCode").GetString(), r.GetProperty("total").GetDecimal()))
            .ShouldBe([(1, weaker, 59.5m), (2, stronger, 25m), (3, added, 0m)]);
        rows[0].GetProperty("previousTotal").GetDecimal().ShouldBe(54.78m);
        rows[0].GetProperty("change").GetDecimal().ShouldBe(4.72m);
        rows[1].GetProperty("change").GetDecimal().ShouldBe(-42m);
        rows[1].GetProperty("areas").EnumerateArray().Select(a => (a.GetProperty("code").GetString(), a.GetProperty("points").GetDecimal(), a.GetProperty("rank").GetInt32()))
            .ShouldBe([("1", 25m, 2), ("2", 0m, 2)]);

        // Last year's published ranking and lost points are public; this year's are not until published.
        var anonymous = app.Anonymous();
        var page = await anonymous.GetStringAsync($"/chi-so-cchc?tinh={province}&nam=2024");
        page.ShouldContain("54,78/100,00");
        (await anonymous.GetAsync($"/chi-so-cchc/{next}/{weaker}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var lost = await anonymous.GetStringAsync($"/chi-so-cchc/{id}/{weaker}");
        lost.ShouldContain("Thẩm định điều chỉnh từ 28,00 xuống 22,50 điểm: Niêm yết chưa đủ tại Bộ phận Một cửa");
        var communeLeader = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Leader, stronger));
        (await communeLeader.GetAsync($"/api/v1/oversight/par-index/frameworks/{next}/results")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
