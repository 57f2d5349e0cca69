using System.Globalization;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Catalog;

/// <summary>
/// A procedure as the outside world writes it: the API body, one element of an import file and of an export,
/// shaped like the national portal's procedure data (DESIGN.md §4.12). Enumerations are strings so that a bad
/// value becomes a per-field error, not a refused request.
/// </summary>
internal sealed record ProcedureData(
    string? Code,
    string? Name,
    string? Level,
    DomainData? Domain,
    string? Agency,
    string? Steps,
    string? Result,
    string? Requirements,
    IReadOnlyList<string>? LegalBasis,
    string? OnlineMode,
    bool? PostalAllowed,
    bool? PostalIntake,
    bool? PostalReturn,
    IReadOnlyList<TimeData>? Times,
    IReadOnlyList<FeeData>? Fees,
    IReadOnlyList<ComponentData>? Components,
    string? SupplementRule = null,
    bool? PaymentTimeCounts = null);

internal sealed record DomainData(string? Code, string? Name);

internal sealed record TimeData(string? Channel, int? Amount, string? Unit, string? Cutoff);

internal sealed record FeeData(string? Kind, string? Name, long? Amount, string? Exemptions);

internal sealed record ComponentData(string? Name, int? Originals, int? CertifiedCopies, int? Copies, string? FormTemplate);

/// <summary>Checked content, ready to go into a draft.</summary>
internal sealed record ProcedureContent(
    string Name,
    UnitLevel Level,
    string DomainCode,
    string Agency,
    string Steps,
    string Result,
    string Requirements,
    string LegalBasis,
    OnlineMode OnlineMode,
    bool PostalIntake,
    bool PostalReturn,
    SupplementRule SupplementRule,
    bool PaymentTimeCounts,
    IReadOnlyList<ProcedureContent.Time> Times,
    IReadOnlyList<ProcedureContent.Fee> Fees,
    IReadOnlyList<ProcedureContent.Component> Components)
{
    public sealed record Time(Channel Channel, int Amount, TimeUnit Unit, TimeOnly? Cutoff);

    public sealed record Fee(FeeKind Kind, string Name, long Amount, string? Exemptions);

    public sealed record Component(string Name, int Originals, int CertifiedCopies, int Copies, int? FormId = null, FormTemplate? NewForm = null);

    public static ProcedureContent From(ProcedureVersion v) => new(
        v.Name, v.Level, v.Domain!.Code, v.Agency, v.Steps, v.Result, v.Requirements, v.LegalBasis, v.OnlineMode, v.PostalIntake, v.PostalReturn,
        v.SupplementRule, v.PaymentTimeCounts,
        v.Times.Select(t => new Time(t.Channel, t.Amount, t.Unit, t.SameDayCutoff)).ToList(),
        v.Fees.Select(f => new Fee(f.Kind, f.Name, f.Amount, f.Exemptions)).ToList(),
        v.Components.OrderBy(c => c.Order).Select(c => new Component(c.Name, c.Originals, c.CertifiedCopies, c.Copies, c.FormTemplateId)).ToList());

    public static ProcedureData ToData(ProcedureVersion v, string code) => new(
        code, v.Name, v.Level.ToString(), new DomainData(v.Domain!.Code, v.Domain.Name), v.Agency, v.Steps, v.Result, v.Requirements,
        v.LegalBasis.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        v.OnlineMode.ToString(), v.PostalIntake && v.PostalReturn, v.PostalIntake, v.PostalReturn,
        v.Times.OrderBy(t => t.Channel).Select(t => new TimeData(t.Channel.ToString(), t.Amount, t.Unit.ToString(), t.SameDayCutoff?.ToString("HH:mm", CultureInfo.InvariantCulture))).ToList(),
        v.Fees.Select(f => new FeeData(f.Kind.ToString(), f.Name, f.Amount, f.Exemptions)).ToList(),
        v.Components.OrderBy(c => c.Order).Select(c => new ComponentData(c.Name, c.Originals, c.CertifiedCopies, c.Copies, c.FormTemplate?.FileName)).ToList(),
        v.SupplementRule.ToString(), v.PaymentTimeCounts);

    /// <summary>Checks <paramref name="data"/>, reporting under <paramref name="prefix"/> (e.g. <c>rows[3].</c>).
    /// Returns null when something is wrong. Form file names are resolved by the caller.</summary>
    public static ProcedureContent? Parse(ProcedureData data, string prefix, FieldErrors errors, ISet<string> domainCodes)
    {
        var ok = errors.Required(prefix + "name", data.Name, 400);
        ok &= errors.MaxLength(prefix + "agency", data.Agency, 400);
        var level = ParseEnum<UnitLevel>(data.Level, prefix + "level", errors, required: true, ref ok);
        var online = ParseEnum<OnlineMode>(data.OnlineMode, prefix + "onlineMode", errors, required: false, ref ok);
        var supplement = ParseEnum<SupplementRule>(data.SupplementRule, prefix + "supplementRule", errors, required: false, ref ok);
        if (string.IsNullOrWhiteSpace(data.Domain?.Code))
        {
            errors.Add(prefix + "domain", "Validation.Required");
            ok = false;
        }
        else if (!domainCodes.Contains(data.Domain.Code.Trim()))
        {
            errors.Add(prefix + "domain", "Catalog.UnknownDomain", data.Domain.Code);
            ok = false;
        }

        var times = new List<Time>();
        foreach (var (t, i) in (data.Times ?? []).Select((t, i) => (t, i)))
        {
            var field = $"{prefix}times[{i}].";
            var channel = ParseEnum<Channel>(t.Channel, field + "channel", errors, required: true, ref ok);
            var unit = ParseEnum<TimeUnit>(t.Unit, field + "unit", errors, required: true, ref ok);
            if (t.Amount is not > 0)
            {
                errors.Add(field + "amount", "Catalog.BadAmount");
                ok = false;
            }

            TimeOnly? cutoff = null;
            if (!string.IsNullOrWhiteSpace(t.Cutoff))
            {
                if (TimeOnly.TryParseExact(t.Cutoff, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var c))
                {
                    cutoff = c;
                }
                else
                {
                    errors.Add(field + "cutoff", "Catalog.BadCutoff");
                    ok = false;
                }
            }

            if (channel is { } ch && times.Any(x => x.Channel == ch))
            {
                errors.Add(field + "channel", "Catalog.DuplicateChannel");
                ok = false;
            }

            if (channel is { } chv && unit is { } u && t.Amount is > 0)
            {
                times.Add(new Time(chv, t.Amount.Value, u, cutoff));
            }
        }

        var fees = new List<Fee>();
        foreach (var (f, i) in (data.Fees ?? []).Select((f, i) => (f, i)))
        {
            var field = $"{prefix}fees[{i}].";
            var kind = ParseEnum<FeeKind>(f.Kind, field + "kind", errors, required: true, ref ok);
            ok &= errors.Required(field + "name", f.Name, 400);
            if (f.Amount is null or < 0)
            {
                errors.Add(field + "amount", "Catalog.BadAmount");
                ok = false;
            }

            if (kind is { } k && !string.IsNullOrWhiteSpace(f.Name) && f.Amount is >= 0)
            {
                fees.Add(new Fee(k, f.Name.Trim(), f.Amount.Value, Blank(f.Exemptions)));
            }
        }

        var components = new List<Component>();
        foreach (var (c, i) in (data.Components ?? []).Select((c, i) => (c, i)))
        {
            var field = $"{prefix}components[{i}].";
            ok &= errors.Required(field + "name", c.Name, 400);
            if (c.Originals is < 0 || c.CertifiedCopies is < 0 || c.Copies is < 0)
            {
                errors.Add(field + "originals", "Catalog.BadAmount");
                ok = false;
            }

            if (!string.IsNullOrWhiteSpace(c.Name))
            {
                components.Add(new Component(c.Name.Trim(), c.Originals ?? 0, c.CertifiedCopies ?? 0, c.Copies ?? 0));
            }
        }

        if (!ok || level is null)
        {
            return null;
        }

        return new ProcedureContent(
            data.Name!.Trim(), level.Value, data.Domain!.Code!.Trim(), Blank(data.Agency) ?? "", Blank(data.Steps) ?? "", Blank(data.Result) ?? "",
            Blank(data.Requirements) ?? "", string.Join('\n', (data.LegalBasis ?? []).Select(l => l.Trim()).Where(l => l.Length > 0)),
            online ?? Catalog.OnlineMode.None, data.PostalIntake ?? data.PostalAllowed ?? false, data.PostalReturn ?? data.PostalAllowed ?? false,
            supplement ?? Dossiers.SupplementRule.Restart, data.PaymentTimeCounts ?? false, times, fees, components);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static T? ParseEnum<T>(string? value, string field, FieldErrors errors, bool required, ref bool ok)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, "Validation.Required");
                ok = false;
            }

            return null;
        }

        if (Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(value.Trim()[0]))
        {
            return parsed;
        }

        errors.Add(field, "Catalog.BadValue", value, string.Join(", ", Enum.GetNames<T>()));
        ok = false;
        return null;
    }
}
