using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using MotCua.Tests.Infrastructure;
using Shouldly;
using Xunit.Abstractions;

namespace MotCua.Tests.Foundation;

/// <summary>
/// Every operation of the OpenAPI document gets a corpus of malformed input, anonymously and signed in with a role
/// it allows. Bodies come from the document's request schemas, so a new operation is covered without a word here.
/// </summary>
public sealed class MalformedInputCorpusTests(MalformedInputCorpusTests.App app, ITestOutputHelper output) : IClassFixture<MalformedInputCorpusTests.App>
{
    private static readonly string Megabyte = new('x', 1024 * 1024);
    private static readonly JsonElement AnySchema = JsonDocument.Parse("{}").RootElement;

    /// <summary>Letters only Vietnamese has: a title with none of them is not in Vietnamese.</summary>
    private static readonly string VietnameseLetters = "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ";

    [Fact]
    public async Task Malformed_input_to_every_operation_gets_a_Vietnamese_problem_and_never_a_5xx()
    {
        var watch = Stopwatch.StartNew();
        using var document = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json"));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => o.Name != "parameters").Select(o => new Operation(o.Name.ToUpperInvariant(), path.Name, o.Value)))
            .ToList();
        operations.Count.ShouldBeGreaterThan(50);

        var users = new[] { "sysadmin", "giolinh.motcua", "giolinh.chuyenvien", "giolinh.lanhdao", "giolinh.quantri", "tinh.giamsat", "0912345678" };
        var signedIn = await Task.WhenAll(users.Select(user => app.SignInAsync(user)));
        var failures = new ConcurrentBag<string>();
        var sent = 0;

        // Signing out ends the session the other operations use: it goes last.
        var signOuts = operations.Where(o => o.Path.EndsWith("/logout", StringComparison.Ordinal)).ToList();
        await Parallel.ForEachAsync(operations.Except(signOuts), new ParallelOptions { MaxDegreeOfParallelism = 4 }, RunAsync);
        foreach (var operation in signOuts)
        {
            await RunAsync(operation, CancellationToken.None);
        }

        async ValueTask RunAsync(Operation operation, CancellationToken cancellationToken)
        {
            var cases = Cases(operation, schemas).ToList();
            var allowed = await AllowedClientAsync(operation, schemas, signedIn);
            foreach (var client in new[] { app.Anonymous(), allowed })
            {
                foreach (var @case in cases)
                {
                    Interlocked.Increment(ref sent);
                    using var response = await client.SendAsync(@case.Request(), cancellationToken);
                    if (await CheckAsync(response, @case) is { } failure)
                    {
                        failures.Add($"{operation.Method} {operation.Path} [{@case.Name}]: {failure}");
                    }
                }
            }
        }

        output.WriteLine($"{operations.Count} operations, {sent} requests, {watch.Elapsed.TotalSeconds:0} s");
        failures.ShouldBeEmpty(string.Join("\n", failures.Order(StringComparer.Ordinal).Take(60)));
    }

    /// <summary>The first signed-in user the operation does not refuse, with a well-formed request.</summary>
    private static async Task<HttpClient> AllowedClientAsync(Operation operation, JsonElement schemas, HttpClient[] clients)
    {
        foreach (var client in clients)
        {
            using var response = await client.SendAsync(Build(operation, schemas, null, null).Request());
            if (response.StatusCode is not (System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden))
            {
                return client;
            }
        }

        return clients[0];
    }

    private static async Task<string?> CheckAsync(HttpResponseMessage response, Case @case)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            return $"{status} {Shorten(body)}";
        }

        if (status < 400)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} as {response.Content.Headers.ContentType?.MediaType}: {Shorten(body)}";
        }

        var problem = JsonDocument.Parse(body).RootElement;
        if (!problem.TryGetProperty("type", out _) || !problem.TryGetProperty("status", out var statusField) || statusField.GetInt32() != status)
        {
            return $"{status} without type or status: {Shorten(body)}";
        }

        var title = problem.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "";
        if (!title.Any(c => VietnameseLetters.Contains(char.ToLowerInvariant(c), StringComparison.Ordinal)))
        {
            return $"{status} without a Vietnamese title: {Shorten(body)}";
        }

        if (status == 400 && @case.Field is { } field)
        {
            if (!problem.TryGetProperty("errors", out var errors) || !errors.EnumerateObject().Any())
            {
                return $"400 without field errors for {field}: {Shorten(body)}";
            }

            if (@case.Exact && !errors.TryGetProperty(field, out _))
            {
                return $"400 without an error for {field}: {Shorten(body)}";
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static IEnumerable<Case> Cases(Operation operation, JsonElement schemas)
    {
        foreach (var parameter in operation.Parameters)
        {
            var schema = Resolve(parameter.Schema, schemas);
            // Servers refuse a NUL byte in the path before any app code runs; other control characters reach it.
            yield return Build(operation, schemas, null, (parameter.Name, parameter.In == "path" ? "a\u0001b" : "a\0b"), "control character in " + parameter.Name, parameter.Name, exact: true);
            yield return Build(operation, schemas, null, (parameter.Name, "\u202Eأ\u202C"), "RTL in " + parameter.Name, null);
            yield return Build(operation, schemas, null, (parameter.Name, "99999999999999999999999999"), "huge number in " + parameter.Name, null);
            if (Kind(schema) is not "string")
            {
                yield return Build(operation, schemas, null, (parameter.Name, "abc"), "wrong type in " + parameter.Name, parameter.In == "path" ? null : parameter.Name);
            }

            if (Format(schema) is "date" or "date-time")
            {
                yield return Build(operation, schemas, null, (parameter.Name, "2026-02-30"), "invalid date in " + parameter.Name, parameter.Name);
            }
        }

        yield return Build(operation, schemas, null, null, "Idempotency-Key with a control character", "Idempotency-Key", exact: true) with
        {
            Headers = [("Idempotency-Key", "key\u0001")],
        };

        var bodySchema = operation.JsonBodySchema is { } declared ? Resolve(declared, schemas) : (JsonElement?)null;
        foreach (var raw in RawBodies())
        {
            yield return Build(operation, schemas, null, null, raw.Name, null) with { Body = raw.Content };
        }

        if (bodySchema is not { } root)
        {
            yield break;
        }

        var valid = Sample(root, schemas, 0, "");
        yield return Build(operation, schemas, new JsonObject(), null, "missing fields", null);
        yield return Build(operation, schemas, Replace(valid, root, schemas, "", (_, kind) => kind == "string" ? Megabyte : null), null, "1 MB strings", null);
        yield return Build(operation, schemas, Replace(valid, root, schemas, "", (_, kind) => kind == "string" ? "\u202Eمرحبا\u202C Hằng" : null), null, "RTL marks", null);
        yield return Build(operation, schemas, Replace(valid, root, schemas, "", (schema, kind) => WrongType(kind)), null, "every field of a wrong type", null);
        foreach (var (path, leaf) in Leaves(root, schemas, "", 0))
        {
            var kind = Kind(leaf);
            var bad = leaf.TryGetProperty("enum", out _) ? JsonValue.Create(-1)
                : Format(leaf) is "date" or "date-time" ? JsonValue.Create("2026-02-30")
                : kind switch
                {
                    "string" => JsonValue.Create("a\0b"),
                    "integer" or "number" => JsonNode.Parse("1e400"),
                    _ => WrongType(kind),
                };
            yield return Build(operation, schemas, SetAt(valid, path, bad), null, "bad value in " + path, path, exact: true);
            yield return Build(operation, schemas, SetAt(valid, path, WrongType(kind)), null, "wrong type in " + path, path, exact: true);
        }
    }

    private static IEnumerable<(string Name, Func<HttpContent> Content)> RawBodies()
    {
        yield return ("not JSON", () => new StringContent("{\"a\": ", Encoding.UTF8, "application/json"));
        yield return ("200 levels deep", () => new StringContent(string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200), Encoding.UTF8, "application/json"));
        yield return ("an array for an object", () => new StringContent("[1, \"a\\u0000\", null]", Encoding.UTF8, "application/json"));
        yield return ("a bare string with NUL", () => new StringContent("\"a\\u0000b\"", Encoding.UTF8, "application/json"));
        yield return ("a 1 MB string", () => new StringContent("\"" + Megabyte + "\"", Encoding.UTF8, "application/json"));
        yield return ("plain text", () => new StringContent("hôm nay", Encoding.UTF8, "text/plain"));
        yield return ("XML", () => new StringContent("<a>1</a>", Encoding.UTF8, "application/xml"));
        yield return ("a form", () => new FormUrlEncodedContent([new("a", "b\0")]));
        yield return ("CSV with NUL", () => new StringContent("code,name\n1,a\0b\n", Encoding.UTF8, "text/csv"));
        yield return ("a broken multipart body", () =>
        {
            var content = new StringContent("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb", Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
            return content;
        }
        );
        yield return ("a multipart body with NUL", () => new MultipartFormDataContent
        {
            { new StringContent("{\"name\": \"a\\u0000b\"}"), "dossier" },
            { new ByteArrayContent("%PDF-1.4 a\0b"u8.ToArray()), "component-0", "tờ\u202Ekhai.pdf" },
            { new ByteArrayContent("a\0b"u8.ToArray()), "file", "a.csv" },
        });
    }

    private static JsonNode? WrongType(string kind) => kind switch
    {
        "string" => JsonValue.Create(12345),
        "integer" or "number" => JsonValue.Create("một"),
        "boolean" => JsonValue.Create("có"),
        "array" => new JsonObject { ["a"] = 1 },
        _ => JsonValue.Create(7),
    };

    private static Case Build(Operation operation, JsonElement schemas, JsonNode? body, (string Name, string Value)? parameter, string name = "well-formed",
        string? field = null, bool exact = false)
    {
        var path = operation.Path;
        var query = new List<string>();
        foreach (var p in operation.Parameters)
        {
            var value = parameter?.Name == p.Name ? parameter.Value.Value : SampleParameter(operation.Path, p.Name, Resolve(p.Schema, schemas));
            if (p.In == "path")
            {
                path = path.Replace("{" + p.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            }
            else if (p.In == "query" && (parameter?.Name == p.Name || p.Required))
            {
                query.Add(p.Name + "=" + Uri.EscapeDataString(value));
            }
        }

        var uri = path + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        var json = body ?? (operation.JsonBodySchema is { } schema ? Sample(Resolve(schema, schemas), schemas, 0, "") : null);
        return new Case(name, operation.Method, uri, json is null ? null : () => new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json"), field, exact);
    }

    private static string SampleParameter(string path, string name, JsonElement schema) => (name, Format(schema), Kind(schema)) switch
    {
        (_, "uuid", _) => Guid.NewGuid().ToString(),
        (_, "date", _) => "2026-01-05",
        (_, "date-time", _) => "2026-01-05T08:00:00+07:00",
        (_, _, "integer" or "number") => "2026",
        (_, _, "boolean") => "true",
        ("kind", _, _) => "mine",
        ("date", _, _) => "2026-01-05",
        ("unitCode", _, _) => "000.00.00.H50",
        ("code", _, _) when path.StartsWith("/api/v1/units", StringComparison.Ordinal) => "000.00.00.H50",
        ("code", _, _) when path.Contains("procedures", StringComparison.Ordinal) => "1.004873",
        ("code", _, _) => "000.00.00.H50-260105-0001",
        _ when schema.TryGetProperty("enum", out var values) => values[0].ToString(),
        _ => "1",
    };

    /// <summary>A well-formed value for a schema: every property filled, arrays with one item.</summary>
    private static JsonNode? Sample(JsonElement schema, JsonElement schemas, int depth, string name)
    {
        schema = Resolve(schema, schemas);
        if (schema.TryGetProperty("enum", out var values))
        {
            return JsonValue.Create(values[0].GetString());
        }

        return Kind(schema) switch
        {
            "object" when depth < 6 => new JsonObject(Properties(schema).Select(p =>
                KeyValuePair.Create(p.Name, Sample(p.Value, schemas, depth + 1, p.Name)))),
            "array" when depth < 6 && schema.TryGetProperty("items", out var items) => new JsonArray(Sample(items, schemas, depth + 1, name)),
            "integer" or "number" => JsonValue.Create(1),
            "boolean" => JsonValue.Create(true),
            "string" => JsonValue.Create(Format(schema) switch
            {
                "date" => "2026-01-05",
                "date-time" => "2026-01-05T08:00:00+07:00",
                "uuid" => Guid.NewGuid().ToString(),
                _ when name.Contains("procedure", StringComparison.OrdinalIgnoreCase) => "1.004873",
                _ when name.Contains("unit", StringComparison.OrdinalIgnoreCase) => "000.00.00.H50",
                _ => "Thử nghiệm",
            }),
            _ => null,
        };
    }

    /// <summary>Every value of the sample that is not an object or array, with its JSON path (<c>owner.name</c>, <c>components[0].name</c>).</summary>
    private static IEnumerable<(string Path, JsonElement Schema)> Leaves(JsonElement schema, JsonElement schemas, string path, int depth)
    {
        schema = Resolve(schema, schemas);
        var kind = Kind(schema);
        if (depth >= 6 || schema.TryGetProperty("enum", out _) || kind is not ("object" or "array"))
        {
            return path.Length == 0 ? [] : [(path, schema)];
        }

        return kind == "object"
            ? Properties(schema).SelectMany(p => Leaves(p.Value, schemas, path.Length == 0 ? p.Name : path + "." + p.Name, depth + 1))
            : schema.TryGetProperty("items", out var items) ? Leaves(items, schemas, path + "[0]", depth + 1) : [];
    }

    /// <summary>The sample with every leaf that <paramref name="change"/> answers for replaced.</summary>
    private static JsonNode? Replace(JsonNode? sample, JsonElement schema, JsonElement schemas, string path, Func<JsonElement, string, JsonNode?> change)
    {
        var result = sample?.DeepClone();
        foreach (var (leafPath, leaf) in Leaves(schema, schemas, path, 0))
        {
            if (change(leaf, leaf.TryGetProperty("enum", out _) ? "enum" : Kind(leaf)) is { } value)
            {
                result = SetAt(result, leafPath, value);
            }
        }

        return result;
    }

    private static JsonNode? SetAt(JsonNode? sample, string path, JsonNode? value)
    {
        var result = sample?.DeepClone();
        var node = result;
        var steps = path.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < steps.Length - 1 && node is not null; i++)
        {
            node = steps[i].StartsWith('[') ? node.AsArray()[int.Parse(steps[i][1..^1], CultureInfo.InvariantCulture)] : node[steps[i]];
        }

        var last = steps[^1];
        switch (node)
        {
            case JsonArray array when last.StartsWith('['):
                array[int.Parse(last[1..^1], CultureInfo.InvariantCulture)] = value?.DeepClone();
                break;
            case JsonObject obj:
                obj[last] = value?.DeepClone();
                break;
        }

        return result;
    }

    private static IEnumerable<JsonProperty> Properties(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject() : [];

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Resolve(schemas.GetProperty(reference.GetString()!.Split('/')[^1]), schemas);
        }

        foreach (var choice in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(choice, out var options))
            {
                var chosen = options.EnumerateArray().FirstOrDefault(o => !(o.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null"));
                return chosen.ValueKind == JsonValueKind.Object ? Resolve(chosen, schemas) : schema;
            }
        }

        return schema;
    }

    /// <summary>The schema's type, leaving out null (<c>["null", "string"]</c> is a string; an integer may also come as a string).</summary>
    private static string Kind(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : schema.TryGetProperty("enum", out _) ? "string" : "any";
        }

        var kinds = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(k => k.GetString()!).ToList() : [type.GetString()!];
        kinds.Remove("null");
        return kinds.Contains("integer") ? "integer" : kinds.Contains("number") ? "number" : kinds.FirstOrDefault() ?? "any";
    }

    private static string? Format(JsonElement schema) => schema.TryGetProperty("format", out var format) ? format.GetString() : null;

    private sealed record Parameter(string Name, string In, bool Required, JsonElement Schema);

    private sealed record Operation(string Method, string Path, JsonElement Definition)
    {
        public IReadOnlyList<Parameter> Parameters { get; } = Definition.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                p.TryGetProperty("required", out var required) && required.GetBoolean(), p.TryGetProperty("schema", out var s) ? s : AnySchema)).ToList()
            : [];

        public JsonElement? JsonBodySchema { get; } = Definition.TryGetProperty("requestBody", out var body)
            && body.GetProperty("content").TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out var schema)
                ? schema
                : null;
    }

    /// <summary>One request of the corpus. <see cref="Field"/> names the field whose value it spoils: a 400 must list field errors, naming it when <see cref="Exact"/>.</summary>
    private sealed record Case(string Name, string Method, string Uri, Func<HttpContent>? Body, string? Field, bool Exact)
    {
        public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

        public HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), Uri) { Content = Body?.Invoke() };
            foreach (var (name, value) in Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return request;
        }
    }

    /// <summary>The app on its own database, with tracking open to as many look-ups as the corpus sends.</summary>
    public sealed class App : MotCuaFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("MotCua:RateLimits:TrackingPerMinute", "1000000");
        }
    }
}
