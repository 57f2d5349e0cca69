using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Tests.Dossiers;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Foundation;

/// <summary>
/// The published OpenAPI document is exact (issue "Connected to the nation", part 1). Besides these tests, every API
/// answer of the whole suite is checked against it (<see cref="ContractCheck"/>).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ApiContractTests(MotCuaFactory app)
{
    private const string MaritalStatus = "1.004873";

    private static readonly string Tools = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../tools/api-lint"));

    /// <summary>Finding: `redocly lint` reported 116 errors and 94 warnings (no security, no summary, no 4xx answer).</summary>
    [Fact]
    public async Task The_document_passes_redocly_lint_with_the_recommended_rules_with_no_error_and_no_warning()
    {
        var redocly = Path.Combine(Tools, "node_modules", ".bin", "redocly");
        File.Exists(redocly).ShouldBeTrue($"Redocly CLI is not installed: run `npm ci --prefix {Tools}` (scripts/test.sh does).");
        var document = Path.Combine(Path.GetTempPath(), $"motcua-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, (await app.LoadApiDocumentAsync()).ToJsonString());
        try
        {
            var lint = new ProcessStartInfo(redocly) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Tools };
            foreach (var argument in new[] { "lint", document, "--config", Path.Combine(Tools, "redocly.yaml"), "--format=json" })
            {
                lint.ArgumentList.Add(argument);
            }

            using var process = Process.Start(lint)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var report = JsonNode.Parse(await output)!;
            var problems = report["problems"]!.AsArray().Select(p => $"{p!["severity"]} {p["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]}").ToList();
            problems.ShouldBeEmpty(await errors);
            report["totals"]!["errors"]!.GetValue<int>().ShouldBe(0);
            report["totals"]!["warnings"]!.GetValue<int>().ShouldBe(0);
            process.ExitCode.ShouldBe(0);
        }
        finally
        {
            File.Delete(document);
        }
    }

    /// <summary>Finding: every nested record named Request or Response collapsed into one schema, so forward, extend and
    /// 30 other operations documented the tracking body.</summary>
    [Fact]
    public async Task Each_schema_describes_one_type_of_the_code()
    {
        var document = await app.LoadApiDocumentAsync();
        var typesOf = new Dictionary<string, HashSet<Type>>(StringComparer.Ordinal);
        var descriptions = app.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items.SelectMany(g => g.Items);
        foreach (var api in descriptions.Where(a => a.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true))
        {
            // The document names route parameters without their constraints ({id:guid} is {id}).
            var path = "/" + System.Text.RegularExpressions.Regex.Replace(api.RelativePath!.Split('?')[0], @"\{(\w+):[^}]+\}", "{$1}").TrimEnd('/');
            var operation = document["paths"]![path]?[api.HttpMethod!.ToLowerInvariant()];
            operation.ShouldNotBeNull($"{api.HttpMethod} {api.RelativePath} is not in the document");
            if (api.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body) is { } body
                && operation["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>() is { } request)
            {
                Note(request, body.Type);
            }

            foreach (var answer in api.SupportedResponseTypes.Where(r => r.Type is not null && r.Type != typeof(void)))
            {
                if (operation["responses"]?[answer.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)]?["content"]?.AsObject()
                    .Select(c => c.Value?["schema"]?["$ref"]?.GetValue<string>()).FirstOrDefault(r => r is not null) is { } response)
                {
                    Note(response, answer.Type!);
                }
            }
        }

        typesOf.Where(t => t.Value.Count > 1).Select(t => $"{t.Key}: {string.Join(", ", t.Value.Select(v => v.FullName))}").ShouldBeEmpty();
        typesOf.Count.ShouldBeGreaterThan(60);
        typesOf["#/components/schemas/TrackDossierRequest"].ShouldHaveSingleItem().Name.ShouldBe("Request");

        void Note(string schema, Type type) => (typesOf.TryGetValue(schema, out var types) ? types : typesOf[schema] = []).Add(type);
    }

    /// <summary>Finding: GET /api/v1/dossiers/{code} did not return the version that every action requires.</summary>
    [Fact]
    public async Task A_client_reads_the_version_of_a_dossier_and_acts_with_it()
    {
        var (_, desk) = await app.DeskAsync(MaritalStatus);
        var received = await desk.PostAsJsonAsync("/api/v1/dossiers", IntakeApiTests.Body(MaritalStatus));
        var code = (await received.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

        var read = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}");
        var version = read.GetProperty("version").GetInt32();
        (await desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/start", new { version })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var after = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/dossiers/{code}");
        after.GetProperty("version").GetInt32().ShouldBe(version + 1);
        after.GetProperty("state").GetString().ShouldBe("Processing");
        await (await desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/withdraw", new { version, reason = "Người nộp rút hồ sơ" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_operation_open_to_all_says_so_and_every_other_one_needs_the_session()
    {
        var paths = (await app.LoadApiDocumentAsync())["paths"]!;
        paths["/api/v1/tracking"]!["post"]!["security"]!.AsArray().ShouldBeEmpty();
        paths["/api/v1/dossiers/{code}/forward"]!["post"]!["security"]![0]!.AsObject().Select(s => s.Key).ShouldBe([MotCua.Web.Platform.Http.ApiContract.SessionScheme]);
        var forward = paths["/api/v1/dossiers/{code}/forward"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).ToList();
        forward.ShouldBe(["200", "400", "401", "403", "404", "409", "415", "422", "503"], ignoreOrder: true);
    }

    /// <summary>Found by the contract check: routing's own 415 fell under the fallback policy, so an anonymous client
    /// posting text to the public tracking was told to sign in (401).</summary>
    [Fact]
    public async Task An_anonymous_client_posting_another_media_type_to_a_public_operation_gets_415_not_401()
    {
        var response = await app.Anonymous().PostAsync("/api/v1/tracking", new StringContent("mã hồ sơ", System.Text.Encoding.UTF8, "text/plain"));
        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        (await app.Anonymous().PostAsync("/api/v1/dossiers", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>The check that every test's answers pass through: a body or status the document does not describe fails.</summary>
    [Fact]
    public void The_contract_check_refuses_what_the_document_does_not_describe()
    {
        var contract = new ContractCheck.Contract(JsonNode.Parse("""
            {"paths": {"/api/v1/things/{id}": {"get": {"responses": {
              "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
              "404": {"content": {"application/problem+json": {"schema": {"type": "object"}}}}}}}},
             "components": {"schemas": {"Thing": {"type": "object", "required": ["id"],
               "properties": {"id": {"type": "integer"}, "name": {"type": ["null", "string"]}, "kind": {"enum": ["A", "B"]},
                              "tags": {"type": "array", "items": {"type": "string"}}}}}}}
            """)!.AsObject());
        var json = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        string? Check(int status, string body, string path = "/api/v1/things/7") =>
            contract.Check(HttpMethod.Get, path, status, json, System.Text.Encoding.UTF8.GetBytes(body));

        Check(200, """{"id": 7, "name": null, "kind": "A", "tags": ["x"]}""").ShouldBeNull();
        Check(200, """{"name": "x"}""").ShouldNotBeNull().ShouldContain("id is required");
        Check(200, """{"id": "7"}""").ShouldNotBeNull().ShouldContain("$.id is string");
        Check(200, """{"id": 7, "kind": "C"}""").ShouldNotBeNull().ShouldContain("not one of the documented values");
        Check(200, """{"id": 7, "tags": [1]}""").ShouldNotBeNull().ShouldContain("$.tags[0]");
        Check(200, """{"id": 7, "version": 3}""").ShouldNotBeNull().ShouldContain("$.version is not in the document");
        Check(409, "{}").ShouldNotBeNull().ShouldContain("status 409 is not documented");
        Check(404, "{}").ShouldNotBeNull().ShouldContain("media type application/json is not documented");
        Check(200, "{}", "/api/v1/other").ShouldNotBeNull().ShouldContain("no such operation");
        Check(404, "", "/api/v1/other").ShouldBeNull();
    }
}
