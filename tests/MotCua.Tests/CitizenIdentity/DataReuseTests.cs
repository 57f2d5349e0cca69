using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Web.CitizenIdentity;
using MotCua.Web.Reporting;
using MotCua.Web.Reporting.Outputs;
using Shouldly;

namespace MotCua.Tests.CitizenIdentity;

/// <summary>Data reuse (issue 20 part 5): earlier documents and owner data prefill a new online dossier, what was reused is recorded, and
/// Decision 766 indicator 4.3 counts it.</summary>
[Collection(AppCollection.Name)]
public sealed class DataReuseTests(MotCuaFactory app)
{
    private const string MaritalStatus = "1.004873";
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    private static object Body(string unit, string address, params object[] reuse) => new
    {
        procedureCode = MaritalStatus,
        handlingUnitCode = unit,
        owner = new { name = "Trần Thị Mai", idType = "CitizenId", idNumber = "045190009876", address, phone = "0905111222", email = "mai@example.vn" },
        reuse,
    };

    private const string Home = "Thôn Gio Mai, xã Gio Linh, tỉnh Quảng Trị";

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<(Guid Dossier, Guid File)> FirstAsync(HttpClient citizen, string unit)
    {
        var first = await CreatedAsync(await citizen.PostAsync("/api/v1/online-dossiers",
            OnlineApiTests.Multipart(Body(unit, Home), ("component-0", "to-khai.pdf", Pdf))));
        return (first.GetProperty("id").GetGuid(), first.GetProperty("files")[0].GetProperty("id").GetGuid());
    }

    private List<ReuseKind> Reused(Guid dossier) =>
        app.WithDb(db => db.DossierReuses.Where(r => r.DossierId == dossier).OrderBy(r => r.Id).Select(r => r.Kind).ToList());

    [Fact]
    public async Task An_earlier_document_reused_for_a_component_is_copied_into_the_new_dossier_and_recorded_with_the_unchanged_owner_data()
    {
        var (unit, _) = await app.DeskAsync(MaritalStatus);
        var citizen = await OnlineApiTests.CitizenAsync(app);
        var (firstId, fileId) = await FirstAsync(citizen, unit);
        Reused(firstId).ShouldBeEmpty();

        var profile = await citizen.GetFromJsonAsync<JsonElement>("/api/v1/my-profile");
        profile.GetProperty("verified").ValueKind.ShouldBe(JsonValueKind.Null);
        profile.GetProperty("lastOwner").GetProperty("address").GetString().ShouldBe(Home);
        var document = profile.GetProperty("documents").EnumerateArray().Single();
        document.GetProperty("fileId").GetGuid().ShouldBe(fileId);
        document.GetProperty("kind").GetString().ShouldBe("Submission");

        var second = await CreatedAsync(await citizen.PostAsJsonAsync("/api/v1/online-dossiers", Body(unit, Home, new { componentIndex = 1, fileId })));
        var secondId = second.GetProperty("id").GetGuid();
        var copy = second.GetProperty("files").EnumerateArray().Single();
        copy.GetProperty("id").GetGuid().ShouldNotBe(fileId);
        var files = app.WithDb(db => db.Dossiers.AsNoTracking().Where(d => d.Id == firstId || d.Id == secondId).SelectMany(d => d.Files).ToList());
        // Uploaded for the first component, reused for the second.
        var component = copy.GetProperty("component").GetString()!;
        component.ShouldNotBe(files.Single(f => f.Id == fileId).Component);
        component.ShouldNotBeNullOrEmpty();
        files.Select(f => f.Sha256).Distinct().Count().ShouldBe(1);
        files.Select(f => f.StoragePath).Distinct().Count().ShouldBe(2);

        Reused(secondId).ShouldBe([ReuseKind.EarlierDossierData, ReuseKind.Document]);
        var rows = app.WithDb(db => db.DossierReuses.Where(r => r.DossierId == secondId).OrderBy(r => r.Id).ToList());
        rows[0].SourceDossierId.ShouldBe(firstId);
        rows[1].SourceFileId.ShouldBe(fileId);
        rows[1].Component.ShouldBe(component);
        app.WithDb(db => db.AuditEvents.Single(e => e.StreamId == "Dossier:" + secondId && e.Action == "dossier.submitted").After!).ShouldContain("\"Kind\":\"Document\"");

        // The citizen's earlier file can be downloaded from the new dossier: it is a real copy in the store.
        (await citizen.GetByteArrayAsync($"/api/v1/dossiers/{secondId}/files/{copy.GetProperty("id").GetGuid()}")).ShouldBe(Pdf);
    }

    [Fact]
    public async Task Another_citizens_document_cannot_be_reused_and_the_refused_submission_leaves_nothing()
    {
        var (unit, _) = await app.DeskAsync(MaritalStatus);
        var (_, fileId) = await FirstAsync(await OnlineApiTests.CitizenAsync(app), unit);
        var stranger = await OnlineApiTests.CitizenAsync(app);
        var strangerId = (await stranger.GetFromJsonAsync<JsonElement>("/api/v1/auth/me")).GetProperty("id").GetGuid();

        var refused = await stranger.PostAsJsonAsync("/api/v1/online-dossiers", Body(unit, Home, new { componentIndex = 0, fileId }));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Giấy tờ chọn dùng lại không có trong các hồ sơ trước của bạn.");
        app.WithDb(db => db.Dossiers.Count(d => d.CitizenAccountId == strangerId)).ShouldBe(0);
    }

    [Fact]
    public async Task Decision_766_indicator_4_3_counts_the_dossiers_received_in_the_period_that_reused_data_or_documents()
    {
        var (unit, desk) = await app.DeskAsync(MaritalStatus);
        var reuser = await OnlineApiTests.CitizenAsync(app);
        var other = await OnlineApiTests.CitizenAsync(app);
        try
        {
            app.Clock.SetNow(new DateTimeOffset(2026, 11, 16, 8, 0, 0, TimeSpan.FromHours(7)));
            var (first, fileId) = await FirstAsync(reuser, unit);
            var reusing = (await CreatedAsync(await reuser.PostAsJsonAsync("/api/v1/online-dossiers", Body(unit, Home, new { componentIndex = 1, fileId })))).GetProperty("id").GetGuid();
            var (otherFirst, _) = await FirstAsync(other, unit);
            // The owner moved: the data was typed anew, nothing reused.
            var moved = (await CreatedAsync(await other.PostAsJsonAsync("/api/v1/online-dossiers", Body(unit, "Số 5 Lê Lợi, phường Đông Hà, tỉnh Quảng Trị")))).GetProperty("id").GetGuid();
            Reused(moved).ShouldBeEmpty();
            foreach (var id in new[] { first, reusing, otherFirst, moved })
            {
                (await desk.PostAsync($"/api/v1/online-dossiers/{id}/receive", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            // Received on 1 December, after the period: not counted.
            app.Clock.SetNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(7)));
            var late = (await CreatedAsync(await reuser.PostAsJsonAsync("/api/v1/online-dossiers", Body(unit, Home, new { componentIndex = 0, fileId })))).GetProperty("id").GetGuid();
            (await desk.PostAsync($"/api/v1/online-dossiers/{late}/receive", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            app.Clock.Reset();
        }

        using var scope = app.Services.CreateScope();
        var source = scope.ServiceProvider.GetServices<IDecision766Source>().OfType<DataReuseShare>().Single();
        var november = await source.MeasureAsync(new ReportQuery(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), unit), CancellationToken.None);
        november[Decision766Input.DigitisedDataReuse].ShouldBe(new Ratio(1, 4));
        var december = await source.MeasureAsync(new ReportQuery(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), unit), CancellationToken.None);
        december[Decision766Input.DigitisedDataReuse].ShouldBe(new Ratio(1, 1));
    }
}
