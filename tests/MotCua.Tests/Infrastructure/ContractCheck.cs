using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MotCua.Tests.Infrastructure;

/// <summary>
/// Holds every API answer a test receives to the OpenAPI document the same app publishes: the path, method and status
/// must be documented, and a JSON body must match the documented schema, with no property the schema does not name.
/// Sits in every client of <see cref="MotCuaFactory"/>, so the whole test suite keeps the document from drifting.
/// </summary>
internal sealed class ContractCheck(Func<Task<ContractCheck.Contract>> contract) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri?.AbsolutePath ?? "";
        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if ((await contract()).Check(request.Method, path, (int)response.StatusCode, response.Content.Headers.ContentType, body) is { } violation)
            {
                throw new ContractViolation($"{request.Method} {path} → {(int)response.StatusCode}: {violation}\n{System.Text.Encoding.UTF8.GetString(body)}");
            }
        }

        return response;
    }

    /// <summary>The operations and schemas of one OpenAPI document, read once per app.</summary>
    internal sealed class Contract(JsonObject document)
    {
        private readonly List<(Regex Pattern, int Templates, JsonObject Operations)> _paths = [.. document["paths"]!.AsObject()
            .Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$", RegexOptions.CultureInvariant),
                p.Key.Count(c => c == '{'), p.Value!.AsObject()))
            .OrderBy(p => p.Item2)];

        private readonly JsonObject _schemas = document["components"]?["schemas"]?.AsObject() ?? [];

        public string? Check(HttpMethod method, string path, int status, MediaTypeHeaderValue? contentType, byte[] body)
        {
            var operations = _paths.FirstOrDefault(p => p.Pattern.IsMatch(path)).Operations;
            // An address no endpoint serves: the framework's own 404 or 405, which no operation can document.
            if (operations is null || operations[method.Method.ToLowerInvariant()] is not JsonObject operation)
            {
                return status is 404 or 405 ? null : "the document has no such operation";
            }

            var responses = operation["responses"]!.AsObject();
            if ((responses[status.ToString(CultureInfo.InvariantCulture)] ?? responses[$"{status / 100}XX"] ?? responses["default"]) is not JsonObject documented)
            {
                return $"status {status} is not documented (documented: {string.Join(", ", responses.Select(r => r.Key))})";
            }

            if (documented["content"] is not JsonObject content || contentType?.MediaType is not { } mediaType)
            {
                return body.Length > 0 && documented["content"] is null && contentType is not null
                    ? $"the body ({contentType.MediaType}) is not documented" : null;
            }

            if (content[mediaType] is not JsonObject media)
            {
                return $"media type {mediaType} is not documented (documented: {string.Join(", ", content.Select(c => c.Key))})";
            }

            // A file to save (format binary), even a JSON one, is not read against a schema.
            if (!mediaType.EndsWith("json", StringComparison.Ordinal) || media["schema"] is not JsonObject schema || Resolve(schema)["format"]?.GetValue<string>() == "binary")
            {
                return null;
            }

            var value = JsonNode.Parse(body);
            return Validate(schema, value, "$");
        }

        private JsonObject Resolve(JsonObject schema) =>
            schema["$ref"]?.GetValue<string>() is { } reference ? _schemas[reference["#/components/schemas/".Length..]]!.AsObject() : schema;

        private string? Validate(JsonObject schema, JsonNode? value, string at)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                return Validate(_schemas[reference["#/components/schemas/".Length..]]!.AsObject(), value, at);
            }

            if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray alternatives)
            {
                var errors = alternatives.Select(s => Validate(s!.AsObject(), value, at)).ToList();
                return errors.Any(e => e is null) ? null : $"{at} matches none of the alternatives ({string.Join("; ", errors)})";
            }

            if (schema["allOf"] is JsonArray allOf && allOf.Select(s => Validate(s!.AsObject(), value, at)).FirstOrDefault(e => e is not null) is { } failed)
            {
                return failed;
            }

            var kind = Kind(value);
            if (schema["type"] is { } type)
            {
                var allowed = type is JsonArray types ? types.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
                if (!allowed.Contains(kind) && !(kind == "integer" && allowed.Contains("number")))
                {
                    return $"{at} is {kind}, the document says {string.Join(" or ", allowed)}";
                }
            }

            if (schema["enum"] is JsonArray values && value is not null && !values.Any(v => JsonNode.DeepEquals(v, value)))
            {
                return $"{at} = {value.ToJsonString()} is not one of the documented values";
            }

            return value switch
            {
                JsonObject item => ValidateObject(schema, item, at),
                JsonArray items when schema["items"] is JsonObject itemSchema =>
                    items.Select((v, i) => Validate(itemSchema, v, $"{at}[{i}]")).FirstOrDefault(e => e is not null),
                _ => null,
            };
        }

        private string? ValidateObject(JsonObject schema, JsonObject value, string at)
        {
            var properties = schema["properties"] as JsonObject;
            foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
            {
                if (!value.ContainsKey(required))
                {
                    return $"{at}.{required} is required by the document and missing";
                }
            }

            foreach (var (name, property) in value)
            {
                var error = properties?[name] is JsonObject propertySchema
                    ? Validate(propertySchema, property, $"{at}.{name}")
                    : schema["additionalProperties"] switch
                    {
                        JsonObject extra => Validate(extra, property, $"{at}.{name}"),
                        JsonValue allowed when allowed.GetValue<bool>() => null,
                        null when properties is null => null,
                        _ => $"{at}.{name} is not in the document",
                    };
                if (error is not null)
                {
                    return error;
                }
            }

            return null;
        }

        private static string Kind(JsonNode? value) => value?.GetValueKind() switch
        {
            null or JsonValueKind.Null => "null",
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => value.GetValue<JsonElement>().TryGetInt64(out _) ? "integer" : "number",
        };
    }
}

/// <summary>An API answer that the published OpenAPI document does not describe.</summary>
internal sealed class ContractViolation(string message) : Exception(message);
