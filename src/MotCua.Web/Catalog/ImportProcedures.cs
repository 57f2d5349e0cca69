using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Catalog;

/// <summary>
/// <c>POST /api/v1/catalog/import?publishFrom=yyyy-MM-dd</c> with a JSON array (the national portal's shape, as
/// <see cref="ExportProcedures"/> writes it) or a CSV file (one row per procedure). All or nothing: one bad row
/// (missing name, unknown domain, duplicate code, bad time unit…) refuses the file with a per-row report.
/// With <c>publishFrom</c> every imported procedure is also published from that date, through the validator.
/// </summary>
internal static class ImportProcedures
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public static readonly JsonSerializerOptions Json = CleanInput.Apply(new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    });

    public sealed record Response(int Imported, int Published);

    public static async Task<Ok<Response>> Handle(HttpRequest http, string? publishFrom, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        TimeProvider clock, IStringLocalizer<CatalogResource> localizer, CancellationToken cancellationToken)
    {
        var from = ParseDate(publishFrom, localizer);
        var rows = await ReadAsync(http, cancellationToken);
        var owner = await OwnerAsync(db, actor, cancellationToken);
        var imported = await ImportAsync(rows, db, actor.ActingOn(owner.Path, StaffRole.UnitAdmin), owner, from, audit, clock, localizer, null, cancellationToken);
        return TypedResults.Ok(new Response(imported, from is null ? 0 : imported));
    }

    public static DateOnly? ParseDate(string? value, IStringLocalizer localizer)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        new FieldErrors(localizer).Add("publishFrom", "Validation.BadDate").ThrowIfAny();
        return null;
    }

    /// <summary>Imported procedures belong to the highest unit the importer administers.</summary>
    public static async Task<AdministrativeUnit> OwnerAsync(MotCuaDbContext db, CurrentActor actor, CancellationToken cancellationToken)
    {
        var code = actor.Roles.Where(r => r.Role is StaffRole.UnitAdmin or StaffRole.SystemAdmin).OrderBy(r => r.UnitPath.Length).First().UnitCode;
        return await db.Units.FirstAsync(u => u.Code == code, cancellationToken);
    }

    public static async Task<List<ProcedureData>> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        return Parse(await UploadedText.ReadAsync(http, MaxBytes, cancellationToken));
    }

    public static List<ProcedureData> Parse(string text)
    {
        text = text.TrimStart('\uFEFF');
        if (text.TrimStart().StartsWith('['))
        {
            return JsonSerializer.Deserialize<List<ProcedureData>>(text, Json) ?? [];
        }

        return Platform.Csv.Read(text).Select(FromCsv).ToList();
    }

    private static ProcedureData FromCsv(Dictionary<string, string> r)
    {
        string? Get(string name) => r.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        int? Int(string name) => int.TryParse(Get(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        bool? Bool(string name) => Get(name) is { } b ? b is "1" || b.Equals("true", StringComparison.OrdinalIgnoreCase) : null;
        var times = new List<TimeData>();
        foreach (var channel in new[] { "counter", "online", "postal" })
        {
            if (Get(channel + "Amount") is not null || Get(channel + "Unit") is not null)
            {
                times.Add(new TimeData(channel, Int(channel + "Amount"), Get(channel + "Unit"), Get("cutoff")));
            }
        }

        static List<string> Split(string? text) => (text ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return new ProcedureData(Get("code"), Get("name"), Get("level"), new DomainData(Get("domainCode"), Get("domainName")), Get("agency"), Get("steps"),
            Get("result"), Get("requirements"), Split(Get("legalBasis")), Get("onlineMode"), null, Bool("postalIntake"), Bool("postalReturn"),
            times, [], Split(Get("components")).Select(c => new ComponentData(c, 1, 0, 0, null)).ToList(), Get("supplementRule"), Bool("paymentTimeCounts"));
    }

    public static async Task<int> ImportAsync(IReadOnlyList<ProcedureData> rows, MotCuaDbContext db, Actor actor, AdministrativeUnit owner, DateOnly? publishFrom,
        AuditTrail audit, TimeProvider clock, IStringLocalizer localizer, Func<string, FormTemplate?>? forms, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        var domains = await db.Domains.ToDictionaryAsync(d => d.Code, StringComparer.Ordinal, cancellationToken);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var procedures = new List<Procedure>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var field = $"rows[{i + 1}].";
            var code = row.Code?.Trim();
            if (errors.Required(field + "code", code, 60) && !CreateProcedure.CodePattern().IsMatch(code!))
            {
                errors.Add(field + "code", "Catalog.BadCode");
            }
            else if (code is not null && (!codes.Add(code) || await db.Procedures.AnyAsync(p => p.Code == code, cancellationToken)))
            {
                errors.Add(field + "code", "Catalog.DuplicateCode", code);
            }

            var content = ProcedureContent.Parse(row, field, errors, domains.Keys.ToHashSet(StringComparer.Ordinal));
            if (content is null || !errors.IsEmpty)
            {
                continue;
            }

            if (forms is not null)
            {
                content = content with
                {
                    Components = content.Components.Select((c, n) => row.Components![n].FormTemplate is { } file ? c with { NewForm = forms(file) } : c).ToList(),
                };
            }

            var procedure = new Procedure { Code = code!, OwnerUnitId = owner.Id, OwnerUnit = owner };
            var draft = procedure.StartDraft();
            draft.Edit(content, domains[content.DomainCode], procedure.Code);
            if (publishFrom is { } from)
            {
                foreach (var (key, message) in draft.PublishProblems([]))
                {
                    errors.Add(field + key, message);
                }

                if (errors.IsEmpty)
                {
                    procedure.Publish(draft, from, clock.GetUtcNow().UtcDateTime);
                }
            }

            procedures.Add(procedure);
        }

        errors.ThrowIfAny();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Procedures.AddRange(procedures);
        foreach (var procedure in procedures)
        {
            await audit.RecordAsync(actor, "procedure.imported", "Procedure", procedure.Code, null, CatalogQueries.Snapshot(procedure.Versions[0]), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return procedures.Count;
    }
}
