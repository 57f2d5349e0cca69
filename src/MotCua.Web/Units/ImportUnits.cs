using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Units;

/// <summary>
/// <c>POST /api/v1/units/import</c> with a JSON array or a CSV file (columns as in the export). All or
/// nothing: any bad row refuses the whole file with a per-row report, and nothing is written.
/// </summary>
internal static class ImportUnits
{
    public static readonly JsonSerializerOptions Json = CleanInput.Apply(new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
    });

    public sealed record Row(string? Code, string? Name, string? Kind, string? Level, string? ParentCode, string? ValidFrom, string? ValidTo, string? SuccessorCode);

    public sealed record Response(int Imported);

    public const long MaxBytes = 5 * 1024 * 1024;

    public static async Task<Ok<Response>> Handle(HttpRequest http, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(http, cancellationToken);
        var imported = await ImportAsync(rows, db, actor.Self, path => SaveUnit.RequireAdmin(actor, path.Path, path.IsRoot), audit, localizer, cancellationToken);
        return TypedResults.Ok(new Response(imported));
    }

    public static async Task<List<Row>> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var text = await UploadedText.ReadAsync(http, MaxBytes, cancellationToken);
        if (text.TrimStart().StartsWith('['))
        {
            return JsonSerializer.Deserialize<List<Row>>(text, Json) ?? [];
        }

        return Platform.Csv.Read(text)
            .Select(r => new Row(r.GetValueOrDefault("code"), r.GetValueOrDefault("name"), r.GetValueOrDefault("kind"), r.GetValueOrDefault("level"),
                r.GetValueOrDefault("parentCode"), r.GetValueOrDefault("validFrom"), r.GetValueOrDefault("validTo"), r.GetValueOrDefault("successorCode")))
            .ToList();
    }

    public sealed record Placement(string Path, bool IsRoot);

    public static async Task<int> ImportAsync(IReadOnlyList<Row> rows, MotCuaDbContext db, Actor actor, Action<Placement> authorize,
        AuditTrail audit, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        var existing = await db.Units.ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, cancellationToken);
        var created = new Dictionary<string, AdministrativeUnit>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var field = $"rows[{i + 1}]";
            var ok = errors.Required(field + ".code", row.Code, 40) & errors.Required(field + ".name", row.Name, 200);
            if (ok && !UnitRules.CodePattern().IsMatch(row.Code!))
            {
                errors.Add(field + ".code", "Units.BadCode");
                ok = false;
            }

            if (ok && (existing.ContainsKey(row.Code!) || created.ContainsKey(row.Code!)))
            {
                errors.Add(field + ".code", "Units.DuplicateCode", row.Code!);
                ok = false;
            }

            var kind = Enum.TryParse<UnitKind>(row.Kind, true, out var k) ? k : (UnitKind?)null;
            var level = Enum.TryParse<UnitLevel>(row.Level, true, out var l) ? l : (UnitLevel?)null;
            var from = DateOnly.TryParseExact(row.ValidFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : (DateOnly?)null;
            DateOnly? to = null;
            if (kind is null)
            {
                errors.Add(field + ".kind", "Units.BadKind");
            }

            if (from is null)
            {
                errors.Add(field + ".validFrom", "Validation.BadDate");
            }

            if (!string.IsNullOrWhiteSpace(row.ValidTo))
            {
                to = DateOnly.TryParseExact(row.ValidTo, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
                if (to is null || to < from)
                {
                    errors.Add(field + ".validTo", "Units.ValidToBeforeFrom");
                }
            }

            AdministrativeUnit? parent = null;
            if (!string.IsNullOrWhiteSpace(row.ParentCode) && !created.TryGetValue(row.ParentCode, out parent) && !existing.TryGetValue(row.ParentCode, out parent))
            {
                errors.Add(field + ".parentCode", "Units.UnknownCode", row.ParentCode);
            }

            if (!ok || kind is null || from is null || !errors.IsEmpty)
            {
                continue;
            }

            var unit = new AdministrativeUnit { Code = row.Code!.Trim(), Name = row.Name!.Trim(), Kind = kind.Value, Level = level ?? parent?.Level ?? UnitLevel.Province, ValidFrom = from.Value };
            unit.PlaceUnder(parent);
            unit.Close(to);
            authorize(new Placement(parent?.Path ?? unit.Path, parent is null));
            created[unit.Code] = unit;
        }

        // Successors may come later in the file than the units they carry on.
        for (var i = 0; i < rows.Count && errors.IsEmpty; i++)
        {
            var row = rows[i];
            if (string.IsNullOrWhiteSpace(row.SuccessorCode))
            {
                continue;
            }

            if (!created.TryGetValue(row.SuccessorCode, out var successor) && !existing.TryGetValue(row.SuccessorCode, out successor))
            {
                errors.Add($"rows[{i + 1}].successorCode", "Units.UnknownCode", row.SuccessorCode);
                continue;
            }

            var unit = created[row.Code!];
            if (unit.ValidTo is not { } end)
            {
                errors.Add($"rows[{i + 1}].validTo", "Units.SuccessorNeedsEnd");
                continue;
            }

            unit.MergeInto(successor, end.AddDays(1));
        }

        errors.ThrowIfAny();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Units.AddRange(created.Values);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var unit in created.Values)
        {
            await audit.RecordAsync(actor, "unit.imported", "Unit", unit.Code, null, SaveUnit.ToDto(unit), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created.Count;
    }
}
