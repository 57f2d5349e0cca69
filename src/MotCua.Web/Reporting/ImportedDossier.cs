using System.Globalization;
using System.Text.RegularExpressions;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Reporting;

/// <summary>
/// One past dossier from a previous system, with its timeline. Times are ISO 8601; without an offset they are read
/// as Vietnamese wall-clock time. In CSV, <c>suspensions</c> holds <c>from|to|newDueAt</c> entries separated by <c>;</c>, and
/// <c>transfers</c> (một cửa liên thông) holds <c>sentAt|toUnitCode|answeredAt|accepted|reason</c> entries, accepted being 1 or 0.
/// </summary>
internal sealed partial record ImportedDossier(
    string? Code,
    string? ProcedureCode,
    string? UnitCode,
    string? ReceivingUnitCode,
    string? Channel,
    string? OwnerName,
    string? OwnerIdNumber,
    string? OwnerAddress,
    string? ReceivedAt,
    string? DueAt,
    IReadOnlyList<ImportedSuspension>? Suspensions,
    IReadOnlyList<ImportedTransfer>? Transfers,
    string? FinishedAt,
    string? Outcome,
    string? ReturnedAt,
    string? WithdrawnAt,
    string? StoppedAt,
    string? RefusedAt,
    string? Reason)
{
    public static readonly string[] CsvColumns =
    [
        "code", "procedureCode", "unitCode", "receivingUnitCode", "channel", "ownerName", "ownerIdNumber", "ownerAddress", "receivedAt", "dueAt",
        "suspensions", "transfers", "finishedAt", "outcome", "returnedAt", "withdrawnAt", "stoppedAt", "refusedAt", "reason",
    ];

    public static ImportedDossier FromCsv(Dictionary<string, string> r)
    {
        string? Get(string name) => r.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        var suspensions = Get("suspensions")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.Split('|', StringSplitOptions.TrimEntries))
            .Select(p => new ImportedSuspension(p.ElementAtOrDefault(0), Blank(p.ElementAtOrDefault(1)), Blank(p.ElementAtOrDefault(2)), null))
            .ToList();
        var transfers = Get("transfers")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.Split('|', StringSplitOptions.TrimEntries))
            .Select(p => new ImportedTransfer(Blank(p.ElementAtOrDefault(0)), Blank(p.ElementAtOrDefault(1)), Blank(p.ElementAtOrDefault(2)),
                p.ElementAtOrDefault(3) switch { "1" => true, "0" => false, _ => null }, Blank(p.ElementAtOrDefault(4))))
            .ToList();
        return new ImportedDossier(Get("code"), Get("procedureCode"), Get("unitCode"), Get("receivingUnitCode"), Get("channel"), Get("ownerName"),
            Get("ownerIdNumber"), Get("ownerAddress"), Get("receivedAt"), Get("dueAt"), suspensions, transfers, Get("finishedAt"), Get("outcome"), Get("returnedAt"),
            Get("withdrawnAt"), Get("stoppedAt"), Get("refusedAt"), Get("reason"));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>A moment in the file, or null (and a row error) when it cannot be read.</summary>
    public static DateTime? Moment(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (WithOffset().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return DossierTime.ToSecond(withOffset.UtcDateTime);
        }

        if (DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return DossierTime.ToSecond(VietnamTime.FromLocal(local).UtcDateTime);
        }

        errors.Add(field, "Reports.BadMoment");
        return null;
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();
}

internal sealed record ImportedSuspension(string? From, string? To, string? NewDueAt, string? Reason);

/// <summary>A transfer to another agency and its answer (accepted, or rejected with a reason); unanswered only while the dossier is open.</summary>
internal sealed record ImportedTransfer(string? SentAt, string? ToUnitCode, string? AnsweredAt, bool? Accepted, string? Reason);

/// <summary>What the import needs to know of the catalog and the units, loaded once per batch.</summary>
internal sealed record ImportCatalog(
    IReadOnlyDictionary<string, AdministrativeUnitInfoWithValidity> Units,
    IReadOnlyDictionary<string, IReadOnlyList<ImportVersion>> Versions)
{
    /// <summary>The version valid on the receipt date, or the earliest one for dossiers older than the catalog.</summary>
    public ImportVersion? VersionOn(string code, DateOnly date) => Versions.TryGetValue(code, out var versions)
        ? versions.FirstOrDefault(v => v.ValidFrom <= date && (v.ValidTo is null || date <= v.ValidTo)) ?? versions.MinBy(v => v.ValidFrom)
        : null;
}

internal sealed record AdministrativeUnitInfoWithValidity(int Id, string Code, string Path, DateOnly ValidFrom, DateOnly? ValidTo);

internal sealed record ImportVersion(int Id, string Name, string DomainCode, DateOnly ValidFrom, DateOnly? ValidTo);
