using System.Globalization;
using Microsoft.Extensions.Localization;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Reporting;

/// <summary>The query string of the report APIs and page, validated into a <see cref="ReportQuery"/> (400 with field errors otherwise).</summary>
internal sealed record ReportSelection(string? From, string? To, string? UnitCode, bool? IncludeSubunits, string? Domain, string? ProcedureCode,
    string? Channel, string? Level)
{
    /// <summary>Without a unit code, the unit of the actor's first role.</summary>
    public ReportQuery Validate(CurrentActor actor, IStringLocalizer localizer)
    {
        var errors = new FieldErrors(localizer);
        var from = Date(errors, "from", From);
        var to = Date(errors, "to", To);
        if (from is not null && to is not null && to < from)
        {
            errors.Add("to", "Reports.ToBeforeFrom");
        }

        var unit = string.IsNullOrWhiteSpace(UnitCode) ? actor.Roles.FirstOrDefault()?.UnitCode : UnitCode.Trim();
        if (unit is null)
        {
            errors.Add("unitCode", "Validation.Required");
        }

        var channel = Parse<Channel>(errors, "channel", Channel);
        var level = Parse<UnitLevel>(errors, "level", Level);
        errors.MaxLength("domain", Domain, 40);
        errors.MaxLength("procedureCode", ProcedureCode, 60);
        errors.ThrowIfAny();
        return new ReportQuery(from!.Value, to!.Value, unit!, IncludeSubunits ?? true, Blank(Domain), Blank(ProcedureCode), channel, level);
    }

    public static T? Parse<T>(FieldErrors errors, string field, string? value)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        errors.Add(field, "Reports.BadChoice", string.Join(", ", Enum.GetNames<T>()));
        return null;
    }

    private static DateOnly? Date(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "Validation.Required");
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, "Reports.BadDate");
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
