using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Catalog;

/// <summary><c>GET /api/v1/catalog/export?format=json|csv</c>: the newest issued version of every procedure, in
/// the shape <see cref="ImportProcedures"/> reads back (CSV: one row per procedure, the core fields).</summary>
internal static class ExportProcedures
{
    public static readonly string[] CsvHeader =
    [
        "code", "name", "level", "domainCode", "domainName", "agency", "onlineMode", "postalIntake", "postalReturn",
        "counterAmount", "counterUnit", "onlineAmount", "onlineUnit", "postalAmount", "postalUnit", "cutoff", "result", "legalBasis", "components",
        "supplementRule", "paymentTimeCounts",
    ];

    public static async Task<IResult> Handle(string? format, MotCuaDbContext db, CancellationToken cancellationToken)
    {
        var rows = await LoadAsync(db, cancellationToken);
        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            var text = Platform.Csv.Write(CsvHeader, rows.Select(ToCsv));
            return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), "text/csv; charset=utf-8", "thu-tuc.csv");
        }

        return TypedResults.File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(rows, ImportProcedures.Json), "application/json", "thu-tuc.json");
    }

    public static async Task<List<ProcedureData>> LoadAsync(MotCuaDbContext db, CancellationToken cancellationToken)
    {
        var versions = await db.ProcedureVersions.AsNoTracking()
            .Where(v => v.Status != VersionStatus.Draft
                && v.Number == db.ProcedureVersions.Where(x => x.ProcedureId == v.ProcedureId && x.Status != VersionStatus.Draft).Max(x => x.Number))
            .Include(v => v.Procedure).Include(v => v.Domain).Include(v => v.Times).Include(v => v.Fees)
            .Include(v => v.Components).ThenInclude(c => c.FormTemplate)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return versions.OrderBy(v => v.Procedure!.Code, StringComparer.Ordinal).Select(v => ProcedureContent.ToData(v, v.Procedure!.Code)).ToList();
    }

    private static string?[] ToCsv(ProcedureData p)
    {
        TimeData? Time(string channel) => p.Times?.FirstOrDefault(t => t.Channel == channel);
        return
        [
            p.Code, p.Name, p.Level, p.Domain?.Code, p.Domain?.Name, p.Agency, p.OnlineMode,
            p.PostalIntake == true ? "true" : "false", p.PostalReturn == true ? "true" : "false",
            Time("Counter")?.Amount?.ToString(CultureInfo.InvariantCulture), Time("Counter")?.Unit,
            Time("Online")?.Amount?.ToString(CultureInfo.InvariantCulture), Time("Online")?.Unit,
            Time("Postal")?.Amount?.ToString(CultureInfo.InvariantCulture), Time("Postal")?.Unit,
            p.Times?.Select(t => t.Cutoff).FirstOrDefault(c => c is not null), p.Result,
            string.Join(" | ", p.LegalBasis ?? []), string.Join(" | ", (p.Components ?? []).Select(c => c.Name)),
            p.SupplementRule, p.PaymentTimeCounts == true ? "true" : "false",
        ];
    }
}
