using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight;

/// <summary>
/// <c>POST /api/v1/oversight/excellent-share-rules</c>: a supervisor of a province records the province's cap on "excellent" grades from a
/// date, with the text it comes from. Rules are not edited: a new rule from a later date replaces the old one; the same date twice is 409.
/// </summary>
internal static class RecordExcellentShareRule
{
    /// <param name="MaxPercent">The most "excellent" grades, in percent of those graded good or above (1–100).</param>
    /// <param name="Basis">The decision the cap comes from, e.g. "Quyết định 44/2020/QĐ-UBND tỉnh Ninh Thuận".</param>
    public sealed record Request(string? ProvinceCode, string? ValidFrom, int? MaxPercent, string? Basis);

    public sealed record Response(int Id, string ProvinceCode, DateOnly ValidFrom, int MaxPercent, string Basis);

    public static async Task<Ok<Response>> Handle(Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        IStringLocalizer<OversightResource> text, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(text);
        errors.Required("provinceCode", request.ProvinceCode, 40);
        errors.Required("basis", request.Basis, 500);
        if (!DateOnly.TryParseExact(request.ValidFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var validFrom))
        {
            errors.Add("validFrom", "Validation.Date");
        }

        if (request.MaxPercent is not (>= 1 and <= 100))
        {
            errors.Add("maxPercent", "Rules.BadPercent");
        }

        errors.ThrowIfAny();
        var province = await db.Units.AsNoTracking().Where(u => u.Code == request.ProvinceCode!.Trim() && u.ParentId == null)
            .Select(u => new { u.Code, u.Path }).SingleOrDefaultAsync(cancellationToken) ?? throw ProblemException.NotFound("Units.NotFound");
        if (!actor.Covers(province.Path, StaffRole.Supervisor))
        {
            throw ProblemException.Forbidden();
        }

        var rule = new ExcellentShareRule
        {
            ProvinceCode = province.Code,
            ValidFrom = validFrom,
            MaxPercentOfGoodOrAbove = request.MaxPercent!.Value,
            Basis = request.Basis!.Trim(),
        };
        db.ExcellentShareRules.Add(rule);
        await audit.RecordAsync(actor.ActingOn(province.Path, StaffRole.Supervisor), "oversight.excellent-share-rule.recorded", nameof(ExcellentShareRule),
            $"{province.Code}:{validFrom:yyyy-MM-dd}", null, new
            {
                rule.ProvinceCode,
                ValidFrom = validFrom.ToString("O", CultureInfo.InvariantCulture),
                rule.MaxPercentOfGoodOrAbove,
                rule.Basis
            }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new Response(rule.Id, rule.ProvinceCode, rule.ValidFrom, rule.MaxPercentOfGoodOrAbove, rule.Basis));
    }
}
