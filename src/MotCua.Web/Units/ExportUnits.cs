using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Units;

/// <summary><c>GET /api/v1/units/export?format=json|csv</c>: every visible unit, open and closed, in the
/// shape <see cref="ImportUnits"/> reads back.</summary>
internal static class ExportUnits
{
    public static async Task<IResult> Handle(string? format, MotCuaDbContext db, CurrentActor actor, CancellationToken cancellationToken)
    {
        var units = await ListUnits.Visible(db.Units.AsNoTracking(), actor)
            .OrderBy(u => u.Path)
            .Select(UnitProjection.ToDto)
            .ToListAsync(cancellationToken);
        // Parents first, so that the file imports in one pass.
        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var text = Platform.Csv.Write(
                ["code", "name", "kind", "level", "parentCode", "validFrom", "validTo", "successorCode"],
                units.Select(u => new[] { u.Code, u.Name, u.Kind.ToString(), u.Level.ToString(), u.ParentCode, Date(u.ValidFrom), Date(u.ValidTo), u.SuccessorCode }));
            return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), "text/csv; charset=utf-8", "don-vi.csv");
        }

        return TypedResults.File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(units, ImportUnits.Json), "application/json", "don-vi.json");
    }
}
