using System.Text.Json;
using System.Text.Json.Serialization;

namespace MotCua.Web.Calendar;

/// <summary>Loads the announced civil-servant calendars embedded as <c>Calendar/Data/official-calendars.json</c>.</summary>
internal static class OfficialCalendars
{
    internal const string ResourceName = "MotCua.Web.Calendar.Data.official-calendars.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter<CalendarDayKind>() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly Lazy<IReadOnlyDictionary<int, OfficialYear>> Cache = new(Read);

    /// <summary>Official years by calendar year; each day carries its own source or the year's.</summary>
    internal static IReadOnlyDictionary<int, OfficialYear> Load() => Cache.Value;

    internal static IReadOnlyDictionary<int, OfficialYear> Parse(Stream json)
    {
        FileDto file = JsonSerializer.Deserialize<FileDto>(json, Options)
            ?? throw new InvalidDataException("The official calendar file is empty.");

        var years = new Dictionary<int, OfficialYear>();
        foreach (YearDto year in file.Years)
        {
            var days = year.Days
                .Select(d => d.Date.Year == year.Year
                    ? new CalendarDay(d.Date, d.Kind, d.Name, d.Source ?? year.Source)
                    : throw new InvalidDataException($"{d.Date:O} is listed under {year.Year}."))
                .OrderBy(d => d.Date)
                .ToList();
            if (!years.TryAdd(year.Year, new OfficialYear(year.Year, year.Source, days)))
            {
                throw new InvalidDataException($"Year {year.Year} is listed twice.");
            }
        }

        return years;
    }

    private static IReadOnlyDictionary<int, OfficialYear> Read()
    {
        using Stream stream = typeof(OfficialCalendars).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return Parse(stream);
    }

    private sealed record FileDto(string? Comment, IReadOnlyList<YearDto> Years);

    private sealed record YearDto(int Year, string Source, IReadOnlyList<DayDto> Days);

    private sealed record DayDto(DateOnly Date, CalendarDayKind Kind, string Name, string? Source);
}
