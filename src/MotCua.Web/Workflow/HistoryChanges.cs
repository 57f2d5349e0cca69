using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using MotCua.Web.Calendar;

namespace MotCua.Web.Workflow;

/// <summary>
/// What a history entry changed, as people read it: each field under its name, its value before and after, with states
/// and enumerations in words, times in Vietnam, numbers in the reader's culture and accounts by their names.
/// </summary>
internal sealed class HistoryChanges(IStringLocalizer<HistoryResource> history, IStringLocalizer<SharedResource> shared)
{
    public sealed record Change(string Field, string? Before, string? After);

    /// <summary>Fields whose text is an enumeration member, and where its members are named: the shared texts or the history's.</summary>
    private static readonly Dictionary<string, (string Prefix, bool Shared)> Enumerations = new(StringComparer.Ordinal)
    {
        ["State"] = ("DossierState.", true),
        ["Channel"] = ("Channel.", true),
        ["Method"] = ("ReturnMethod.", true),
        ["Outcome"] = ("DossierOutcome.", false),
        ["Rule"] = ("SupplementRule.", false),
        ["Timeliness"] = ("Timeliness.", false),
    };

    /// <summary>The account ids an entry names (an assignee), so the page can look their names up once for all entries.</summary>
    public static IEnumerable<Guid> AccountIds(string? json)
    {
        if (json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind != JsonValueKind.Object
            ? []
            : document.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.String && Guid.TryParse(p.Value.GetString(), out _))
                .Select(p => Guid.Parse(p.Value.GetString()!)).ToList();
    }

    public IReadOnlyList<Change> Describe(string? before, string? after, IReadOnlyDictionary<Guid, string> accounts)
    {
        var was = Fields(before);
        var now = Fields(after);
        return was.Keys.Concat(now.Keys).Distinct(StringComparer.Ordinal)
            .Select(name => new Change(
                history["Field." + name] is { ResourceNotFound: false } label ? label.Value : name,
                was.TryGetValue(name, out var b) ? Value(name, b, accounts) : null,
                now.TryGetValue(name, out var a) ? Value(name, a, accounts) : null))
            .Where(c => c.Before is not null || c.After is not null)
            .ToList();
    }

    private static Dictionary<string, JsonElement> Fields(string? json)
    {
        if (json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
            : [];
    }

    private string? Value(string field, JsonElement value, IReadOnlyDictionary<Guid, string> accounts) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => history["Yes"],
        JsonValueKind.False => history["No"],
        JsonValueKind.Number => value.GetDecimal().ToString("#,##0.##", CultureInfo.CurrentCulture),
        JsonValueKind.String => Text(field, value.GetString()!, accounts),
        JsonValueKind.Array => Files(value),
        _ => string.Join("; ", value.EnumerateObject().Select(p => Value(p.Name, p.Value, accounts)).OfType<string>()),
    };

    private string Text(string field, string text, IReadOnlyDictionary<Guid, string> accounts)
    {
        if (Enumerations.TryGetValue(field, out var enumeration))
        {
            var member = (enumeration.Shared ? (IStringLocalizer)shared : history)[enumeration.Prefix + text];
            return member.ResourceNotFound ? text : member.Value;
        }

        if (Guid.TryParse(text, out var id))
        {
            return accounts.TryGetValue(id, out var name) ? name : text;
        }

        // Times are written in UTC (ISO 8601); people read them in Vietnam time.
        if (text.Length >= 19 && text[10] == 'T'
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
        {
            return VietnamTime.FromUtc(utc).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
        }

        return text;
    }

    /// <summary>A list of files reads as their names; any other list as its count.</summary>
    private string Files(JsonElement list)
    {
        var names = list.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.Object && item.TryGetProperty("FileName", out var name) ? name.GetString() : null)
            .ToList();
        return names.Count > 0 && names.All(n => n is not null) ? string.Join("; ", names) : history["Files", names.Count];
    }
}
