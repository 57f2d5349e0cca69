using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MotCua.Web.Platform.Http;

/// <summary>
/// Refuses input that no field may hold, before any handler sees it: C0 control characters and DEL in any text
/// (tab, CR and LF stay legal, for multi-line text) and enums given as numbers or undefined names. PostgreSQL refuses
/// NUL in text and SQLite stores it, so without this the two databases would answer differently.
/// </summary>
internal static class CleanInput
{
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), '\u007F']);

    public static bool HasControlCharacter(ReadOnlySpan<char> text) => text.ContainsAny(ControlCharacters);

    /// <summary>Makes a serializer read text and enums by these rules.</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.Converters.Add(new CleanStringConverter());
        options.Converters.Add(new NamedEnumConverterFactory());
        return options;
    }

    /// <summary>
    /// Gives text and enums back their OpenAPI types, which the document cannot read from these converters: a string,
    /// or one of the enum's names.
    /// </summary>
    public static Task DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(string) || type.IsEnum)
        {
            schema.Type = context.JsonPropertyInfo is { IsGetNullable: true } or { IsSetNullable: true } && !type.IsEnum
                ? JsonSchemaType.String | JsonSchemaType.Null
                : JsonSchemaType.String;
            schema.Enum = type.IsEnum ? [.. Enum.GetNames(type).Select(name => JsonValue.Create(name))] : null;
        }

        return Task.CompletedTask;
    }

    /// <summary>Checks query, route and header values, and the forms of pages (API bodies are checked while they are read).</summary>
    public static IApplicationBuilder UseCleanInput(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        // Made only for a request that has an error: every request passes here.
        Dictionary<string, string[]>? errors = null;
        void Check(string field, string? value)
        {
            if (value is not null && HasControlCharacter(value))
            {
                (errors ??= new(StringComparer.Ordinal))[field] = [Message(context)];
            }
        }

        foreach (var (key, values) in request.Query)
        {
            Check(key, key);
            foreach (var value in values)
            {
                Check(key, value);
            }
        }

        foreach (var (key, value) in request.RouteValues)
        {
            Check(key, value as string);
        }

        foreach (var (key, values) in request.Headers)
        {
            foreach (var value in values)
            {
                Check(key, value);
            }
        }

        // API endpoints read their forms themselves, under their own size limits, and their JSON part through the converters.
        if (context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null && request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                throw new ProblemException(400, "bad-request", "Problem.MalformedRequest");
            }

            foreach (var (key, values) in form)
            {
                Check(key, key);
                foreach (var value in values)
                {
                    Check(key, value);
                }
            }

            foreach (var file in form.Files)
            {
                Check(file.Name, file.FileName);
            }
        }

        if (errors is not null)
        {
            throw ProblemException.Invalid(errors);
        }

        await next(context);
    });

    private static string Message(HttpContext context) =>
        context.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>()["Validation.ControlCharacters"];

    private sealed class CleanStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(reader.GetString());

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Checked(reader.GetString())!;

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

        private static string? Checked(string? value) =>
            value is not null && HasControlCharacter(value) ? throw new InvalidFieldException("Validation.ControlCharacters") : value;
    }

    private sealed class NamedEnumConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter?)Activator.CreateInstance(typeof(NamedEnumConverter<>).MakeGenericType(typeToConvert));
    }

    /// <summary>
    /// An enum by one of its names, in any case. Numbers, numeric strings and lists of names are refused: a number
    /// outside the enum would reach an exhaustive switch or be stored as is.
    /// </summary>
    private sealed class NamedEnumConverter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly FrozenDictionary<string, TEnum> Values =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v.ToString(), StringComparer.OrdinalIgnoreCase);

        private static readonly string Names = string.Join(", ", Enum.GetNames<TEnum>());

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && Values.TryGetValue(name, out var value)
                ? value
                : throw new InvalidFieldException("Validation.EnumName", Names);

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Read(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString());
    }
}

/// <summary>A JSON value refused by a rule; the serializer adds the path, which names the field in the 400.</summary>
internal sealed class InvalidFieldException(string messageKey, params object[] arguments) : JsonException(messageKey)
{
    public string MessageKey { get; } = messageKey;
    public object[] Arguments { get; } = arguments;
}
