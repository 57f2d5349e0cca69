using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Dossiers;
using Shouldly;

namespace MotCua.Tests.Workflow;

/// <summary>Electronic results: attached by the holder of the step, required to mark a dossier processed, and handed to the citizen once returned.</summary>
[Collection(AppCollection.Name)]
public sealed class ResultsApiTests(MotCuaFactory app)
{
    /// <summary>A one-page PDF that the leader's approval can sign.</summary>
    internal static readonly byte[] Pdf = MotCua.Web.Demo.DemoResultFile.Pdf();

    internal static MultipartFormDataContent Upload(int version, params (string Name, byte[] Content)[] files)
    {
        var content = new MultipartFormDataContent { { new StringContent(version.ToString(System.Globalization.CultureInfo.InvariantCulture)), "version" } };
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(part, "files", name);
        }

        return content;
    }

    /// <summary>Attaches one PDF result and answers the dossier's new version.</summary>
    internal static async Task<int> AttachAsync(HttpClient client, string code, int version)
    {
        var response = await client.PostAsync($"/api/v1/dossiers/{code}/results", Upload(version, ("quyet-dinh.pdf", Pdf)));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dossier").GetProperty("version").GetInt32();
    }

    [Fact]
    public async Task A_dossier_is_processed_only_with_a_result_file_and_the_citizen_downloads_it_once_returned_online()
    {
        var workflow = new WorkflowApiTests(app);
        var (unit, desk, _, specialist, leader) = await workflow.ArrangeAsync();
        var citizen = await OnlineApiTests.CitizenAsync(app);
        var submitted = await citizen.PostAsync("/api/v1/online-dossiers", OnlineApiTests.Multipart(OnlineApiTests.Body(unit)));
        submitted.StatusCode.ShouldBe(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var received = await desk.PostAsync($"/api/v1/online-dossiers/{id}/receive", null);
        var code = (await received.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        var version = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Version);

        var started = await workflow.ActAsync(desk, code, "start", null, new { version });
        var atLeader = await workflow.ActAsync(specialist, code, "forward", null, new { version = WorkflowApiTests.Version(started) });

        var empty = await (await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/forward", new { version = WorkflowApiTests.Version(atLeader) }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        empty.GetProperty("type").GetString().ShouldEndWith("result-missing");
        empty.GetProperty("title").GetString()!.ShouldContain("chưa có giấy tờ kết quả");

        // The specialist no longer holds the dossier: the leader's step is where the result is signed.
        await (await specialist.PostAsync($"/api/v1/dossiers/{code}/results", Upload(WorkflowApiTests.Version(atLeader), ("kq.pdf", Pdf))))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var attached = await leader.PostAsync($"/api/v1/dossiers/{code}/results", Upload(WorkflowApiTests.Version(atLeader), ("Quyết định xác nhận.pdf", Pdf)));
        attached.StatusCode.ShouldBe(HttpStatusCode.OK, await attached.Content.ReadAsStringAsync());
        var body = await attached.Content.ReadFromJsonAsync<JsonElement>();
        var file = body.GetProperty("results").EnumerateArray().Single();
        file.GetProperty("fileName").GetString().ShouldBe("Quyết_định_xác_nhận.pdf");
        var fileId = file.GetProperty("id").GetString();

        // Before the return the result is the office's: the citizen neither sees nor downloads it.
        (await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/my-dossiers/{id}")).GetProperty("results").GetArrayLength().ShouldBe(0);
        (await citizen.GetAsync($"/api/v1/dossiers/{id}/files/{fileId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var processed = await workflow.ActAsync(leader, code, "forward", null, new { version = body.GetProperty("dossier").GetProperty("version").GetInt32() });
        processed.GetProperty("nationalState").GetInt32().ShouldBe(9);
        await (await desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/return", new { version = WorkflowApiTests.Version(processed), method = "Pigeon" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var returned = await workflow.ActAsync(desk, code, "return", null, new { version = WorkflowApiTests.Version(processed), method = "Online" });
        returned.GetProperty("nationalState").GetInt32().ShouldBe(10);
        app.WithDb(db => db.Dossiers.Single(d => d.Code == code).ReturnedBy).ShouldBe(ReturnMethod.Online);

        var mine = await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/my-dossiers/{id}");
        mine.GetProperty("results").EnumerateArray().Single().GetProperty("id").GetString().ShouldBe(fileId);
        var download = await citizen.GetAsync($"/api/v1/dossiers/{id}/files/{fileId}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        // The citizen gets the result as the leader's approval signed it.
        var downloaded = await download.Content.ReadAsByteArrayAsync();
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(downloaded))
            .ShouldBe(app.WithDb(db => db.SignedDocuments.Single(s => s.DossierCode == code).Sha256));
        var page = await citizen.GetStringAsync($"/ho-so-cua-toi/{id}");
        page.ShouldContain($"/api/v1/dossiers/{id}/files/{fileId}");

        var history = app.WithDb(db => db.AuditEvents.Where(e => e.StreamId == "Dossier:" + id).OrderBy(e => e.Sequence).Select(e => new { e.Action, e.After }).ToList());
        history.Select(h => h.Action).ShouldContain("dossier.results-attached");
        history.Single(h => h.Action == "dossier.returned").After!.ShouldContain("Online");
    }

    [Fact]
    public async Task Result_uploads_are_checked_like_intake_and_a_refused_upload_stores_nothing()
    {
        var workflow = new WorkflowApiTests(app);
        var (_, desk, _, specialist, _) = await workflow.ArrangeAsync();
        var code = await workflow.ReceiveAsync(desk, null);

        // Nothing to attach to before processing starts.
        await (await desk.PostAsync($"/api/v1/dossiers/{code}/results", Upload(1, ("kq.pdf", Pdf)))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var version = WorkflowApiTests.Version(await workflow.ActAsync(desk, code, "start", null, new { version = 1 }));

        var disguised = await (await specialist.PostAsync($"/api/v1/dossiers/{code}/results", Upload(version, ("virus.pdf", "MZ\x90\0 not a pdf"u8.ToArray()))))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        disguised.GetProperty("errors").GetProperty("files")[0].GetString()!.ShouldContain("virus.pdf");
        await (await specialist.PostAsync($"/api/v1/dossiers/{code}/results", Upload(version))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await specialist.PostAsync($"/api/v1/dossiers/{code}/results", Upload(version - 1, ("kq.pdf", Pdf)))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/results", new { version })).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        var tooBig = new byte[10 * 1024 * 1024 + 10];
        Pdf.CopyTo(tooBig, 0);
        await (await specialist.PostAsync($"/api/v1/dossiers/{code}/results", Upload(version, ("lon.pdf", tooBig)))).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Files.Count(f => f.Kind == DossierFileKind.Result)).ShouldBe(0);

        var attached = await specialist.PostAsync($"/api/v1/dossiers/{code}/results", Upload(version, ("../../etc/passwd.pdf", Pdf)));
        var file = (await attached.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().Single();
        file.GetProperty("fileName").GetString().ShouldBe("passwd.pdf");
        var stored = app.WithDb(db => db.Dossiers.Single(d => d.Code == code).Files.Single(f => f.Kind == DossierFileKind.Result).StoragePath);
        stored.ShouldNotContain("passwd");
        stored.ShouldNotContain("..");
    }
}
