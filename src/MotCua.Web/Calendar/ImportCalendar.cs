using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Calendar;

/// <summary>
/// <c>POST /api/v1/calendar/import</c>: replaces whole years from JSON, either one year as
/// <c>GET /api/v1/calendar/{year}</c> returns it, or the shipped file's shape
/// (<c>{ "years": [ { "year", "source", "days": [ { "date", "kind", "name", "source" } ] } ] }</c>).
/// All or nothing; imported years wait for a confirmation.
/// </summary>
internal static class ImportCalendar
{
    public const long MaxBytes = 1024 * 1024;

    public sealed record Response(IReadOnlyList<int> Years);

    public static async Task<Ok<Response>> Handle(HttpRequest http, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        WorkingCalendarCache cache, TimeProvider clock, IStringLocalizer<CalendarResource> localizer, CancellationToken cancellationToken)
    {
        CalendarAccess.RequireDaysAdmin(actor);
        var json = await UploadedText.ReadBytesAsync(http, MaxBytes, cancellationToken);
        var years = await ImportAsync(json, db, actor, audit, cache, clock, localizer, cancellationToken);
        return TypedResults.Ok(new Response(years));
    }

    public static async Task<IReadOnlyList<int>> ImportAsync(byte[] json, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        WorkingCalendarCache cache, TimeProvider clock, IStringLocalizer<CalendarResource> localizer, CancellationToken cancellationToken)
    {
        var who = CalendarAccess.RequireDaysAdmin(actor);
        var errors = new FieldErrors(localizer);
        var years = Parse(json, errors);
        errors.ThrowIfAny();

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var year in years)
        {
            var stored = await CalendarEdits.LoadOrDraftAsync(db, year.Year, now, cancellationToken);
            var before = CalendarEdits.Describe(stored);
            stored.Source = year.Source;
            stored.ReplaceDays(year.Days);
            stored.Changed(now);
            await audit.RecordAsync(who, "calendar.year.imported", CalendarEdits.EntityType, year.Year.ToString(CultureInfo.InvariantCulture),
                before, CalendarEdits.Describe(stored), cancellationToken);
        }

        await CalendarEdits.CommitAsync(db, cache, now, cancellationToken);
        return years.Select(y => y.Year).ToList();
    }

    private static List<OfficialYear> Parse(byte[] json, FieldErrors errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            errors.Add("file", "Calendar.ImportNotJson");
            return [];
        }

        using (document)
        {
            var root = document.RootElement;
            var (items, prefix) = root.ValueKind switch
            {
                JsonValueKind.Array => (root.EnumerateArray().ToList(), ""),
                JsonValueKind.Object when root.TryGetProperty("years", out var list) && list.ValueKind == JsonValueKind.Array =>
                    (list.EnumerateArray().ToList(), "years"),
                JsonValueKind.Object => (new List<JsonElement> { root }, (string?)null),
                _ => (new List<JsonElement>(), ""),
            };
            if (items.Count == 0)
            {
                errors.Add("file", "Calendar.ImportEmpty");
                return [];
            }

            var years = new List<OfficialYear>();
            for (var i = 0; i < items.Count; i++)
            {
                var path = prefix is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{prefix}[{i}].");
                if (ReadYear(items[i], path, errors) is { } year)
                {
                    if (years.Any(y => y.Year == year.Year))
                    {
                        errors.Add(path + "year", "Calendar.ImportYearTwice", year.Year);
                    }

                    years.Add(year);
                }
            }

            return years;
        }
    }

    private static OfficialYear? ReadYear(JsonElement item, string path, FieldErrors errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path.TrimEnd('.'), "Calendar.ImportNotYear");
            return null;
        }

        var year = Property(item, "year") is { ValueKind: JsonValueKind.Number } y && y.TryGetInt32(out var n) && NationalCalendar.Covers(n) ? n : 0;
        if (year == 0)
        {
            errors.Add(path + "year", "Calendar.BadYear", NationalCalendar.FirstYear, NationalCalendar.LastYear);
        }

        var source = Text(item, "source");
        errors.Required(path + "source", source, CalendarYear.MaxSource);
        var days = new List<CalendarDay>();
        if (Property(item, "days") is not { ValueKind: JsonValueKind.Array } list)
        {
            errors.Add(path + "days", "Calendar.Required");
            return null;
        }

        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"{path}days[{index++}].");
            var date = CalendarEdits.ParseDate(Text(element, "date"), at + "date", errors);
            if (date != default && year != 0 && date.Year != year)
            {
                errors.Add(at + "date", "Calendar.DateNotInYear", year);
            }
            else if (date != default && days.Any(d => d.Date == date))
            {
                errors.Add(at + "date", "Calendar.ImportDayTwice");
            }

            if (!CalendarDayKindCode.TryParse(Text(element, "kind"), out var kind))
            {
                errors.Add(at + "kind", "Calendar.BadKind");
            }
            else if (kind == CalendarDayKind.SwapWork && date != default && !HolidayRules.IsWeeklyRest(date))
            {
                errors.Add(at + "kind", "Calendar.SwapWorkOnWeekday");
            }

            var name = Text(element, "name");
            var daySource = Text(element, "source");
            if (errors.Required(at + "name", name, CalendarYear.MaxName) & errors.MaxLength(at + "source", daySource, CalendarYearDay.MaxSource))
            {
                days.Add(new CalendarDay(date, kind, name!.Trim(), string.IsNullOrWhiteSpace(daySource) ? source?.Trim() : daySource.Trim()));
            }
        }

        return year == 0 || source is null ? null : new OfficialYear(year, source.Trim(), days);
    }

    private static JsonElement? Property(JsonElement item, string name)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in item.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement item, string name) =>
        Property(item, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
