using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Reporting;

/// <summary>
/// <c>POST /api/v1/imports/dossiers</c>: past dossiers from a previous system, with their whole timeline, as a JSON
/// array (or <c>{"dossiers": [...]}</c>) or CSV. Every row is checked and replayed through the dossier's own state
/// methods; any bad row refuses the batch with a per-row report and nothing is written. Imported dossiers are real
/// dossiers with a reporting timeline on their own past dates, so the reports count them as if handled here.
/// </summary>
internal static class ImportDossiers
{
    private static readonly JsonSerializerOptions Json = CleanInput.Apply(new(JsonSerializerDefaults.Web)
    {
        // A field the import does not know would be lost without a word: refuse the file instead.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    });

    public const long MaxBytes = 50 * 1024 * 1024;

    public sealed record Response(int Imported, int Received, int RefusedAtIntake, IReadOnlyList<string> Units, DateOnly? FirstReceived, DateOnly? LastReceived);

    private sealed record Envelope(List<ImportedDossier>? Dossiers);

    public static async Task<Ok<Response>> Handle(HttpRequest http, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(http, localizer, cancellationToken);
        var catalog = await CatalogAsync(db, rows, cancellationToken);
        var errors = new FieldErrors(localizer);
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in rows.Select(r => r.Code?.Trim()).OfType<string>().Distinct().Chunk(1000))
        {
            existing.UnionWith(await db.Dossiers.AsNoTracking().Where(d => chunk.Contains(d.Code)).Select(d => d.Code!).ToListAsync(cancellationToken));
        }

        var built = new List<(Dossier Dossier, List<Replay.Step> Steps)>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (Replay.Build(rows[i], $"rows[{i + 1}]", catalog, actor, existing, now, errors) is { } dossier)
            {
                built.Add(dossier);
            }
        }

        if (rows.Count == 0)
        {
            errors.Add("rows", "Reports.ImportEmpty");
        }

        errors.ThrowIfAny();
        // Past dossiers bring their own timeline, with the days it happened on.
        var facts = new FactWriter();
        var timeline = new List<object>();
        foreach (var (dossier, steps) in built)
        {
            db.Dossiers.Add(dossier);
            var state = TimelineState.None;
            foreach (var step in steps)
            {
                state = RecordTimeline.Append(timeline, facts, dossier, state, step.Milestones);
            }
        }

        db.AddRange(timeline);
        db.AddRange(facts.Rows);

        var units = built.Select(b => UnitPath.Code(b.Dossier.HandlingUnitPath)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var received = built.Where(b => b.Dossier.ReceivedAt is not null).Select(b => DossierTime.VietnamDate(b.Dossier.ReceivedAt!.Value)).ToList();
        var response = new Response(built.Count, received.Count, built.Count - received.Count, units,
            received.Count > 0 ? received.Min() : null, received.Count > 0 ? received.Max() : null);
        var scope = built.Select(b => b.Dossier.HandlingUnitPath).Aggregate(CommonPrefix);
        await audit.RecordAsync(actor.ActingOn(scope, StaffRole.UnitAdmin, StaffRole.Supervisor), "dossiers.imported", "DossierImport",
            Guid.CreateVersion7().ToString(), null, new { response.Imported, response.Units, Codes = rows.Select(r => r.Code) }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(response);
    }

    private static string CommonPrefix(string a, string b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && a[length] == b[length])
        {
            length++;
        }

        return a[..(a.LastIndexOf('/', Math.Max(0, length - 1)) + 1)];
    }

    private static async Task<List<ImportedDossier>> ReadAsync(HttpRequest http, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        var text = await UploadedText.ReadAsync(http, MaxBytes, cancellationToken);
        var start = text.TrimStart();
        // A refused value becomes a field error named by its path (ProblemsModule), a broken file a malformed request.
        if (start.StartsWith('['))
        {
            return JsonSerializer.Deserialize<List<ImportedDossier>>(text, Json) ?? [];
        }

        if (start.StartsWith('{'))
        {
            return JsonSerializer.Deserialize<Envelope>(text, Json)?.Dossiers ?? [];
        }

        var csv = Platform.Csv.Read(text);
        if (csv.Count > 0 && (!csv[0].ContainsKey("code") || csv[0].Keys.Any(k => !ImportedDossier.CsvColumns.Contains(k, StringComparer.OrdinalIgnoreCase))))
        {
            new FieldErrors(localizer).Add("file", "Reports.ImportColumns", string.Join(",", ImportedDossier.CsvColumns)).ThrowIfAny();
        }

        return csv.Select(ImportedDossier.FromCsv).ToList();
    }

    private static async Task<ImportCatalog> CatalogAsync(MotCuaDbContext db, List<ImportedDossier> rows, CancellationToken cancellationToken)
    {
        var units = await db.Units.AsNoTracking()
            .Select(u => new AdministrativeUnitInfoWithValidity(u.Id, u.Code, u.Path, u.ValidFrom, u.ValidTo))
            .ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, cancellationToken);
        var codes = rows.Select(r => r.ProcedureCode).OfType<string>().Distinct().ToList();
        var versions = await db.ProcedureVersions.AsNoTracking()
            .Where(v => v.Status != VersionStatus.Draft && v.ValidFrom != null && codes.Contains(v.Procedure!.Code))
            .Select(v => new { v.Procedure!.Code, Version = new ImportVersion(v.Id, v.Name, v.Domain!.Code, v.ValidFrom!.Value, v.ValidTo) })
            .ToListAsync(cancellationToken);
        return new ImportCatalog(units, versions.GroupBy(v => v.Code).ToDictionary(g => g.Key, g => (IReadOnlyList<ImportVersion>)g.Select(v => v.Version).ToList()));
    }
}
