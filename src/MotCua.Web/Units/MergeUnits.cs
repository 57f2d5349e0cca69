using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Units;

/// <summary><c>POST /api/v1/units/{code}/merge</c>: records that a unit ends and is carried on by a successor
/// from a date (e.g. communes merged on 1/7/2025 under Resolution 1680/NQ-UBTVQH15). The old unit keeps
/// its records; reports roll it up into the successor.</summary>
internal static class MergeUnits
{
    public sealed record Request(string? SuccessorCode, DateOnly? EffectiveDate);

    public static async Task<Ok<UnitDto>> Handle(string code, Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("successorCode", request.SuccessorCode, 40);
        if (request.EffectiveDate is null)
        {
            errors.Add("effectiveDate", "Validation.Required");
        }

        errors.ThrowIfAny();
        var unit = await db.Units.Include(u => u.Parent).Include(u => u.Successor).FirstOrDefaultAsync(u => u.Code == code, cancellationToken);
        if (unit is null || !actor.Covers(unit.Path))
        {
            throw ProblemException.NotFound("Units.NotFound");
        }

        var successor = await db.Units.FirstOrDefaultAsync(u => u.Code == request.SuccessorCode, cancellationToken);
        if (successor is null)
        {
            errors.Add("successorCode", "Units.UnknownCode", request.SuccessorCode!).ThrowIfAny();
        }

        SaveUnit.RequireAdmin(actor, unit.Path, unit.Parent is null);
        SaveUnit.RequireAdmin(actor, successor!.Path, successor.ParentId is null);
        if (successor.Id == unit.Id || successor.Path.StartsWith(unit.Path, StringComparison.Ordinal))
        {
            errors.Add("successorCode", "Units.SuccessorInsideUnit").ThrowIfAny();
        }

        if (unit.ValidTo is not null)
        {
            throw ProblemException.Conflict("unit-closed", "Units.AlreadyClosed");
        }

        if (request.EffectiveDate <= unit.ValidFrom || !successor.IsActiveOn(request.EffectiveDate!.Value))
        {
            errors.Add("effectiveDate", "Units.BadMergeDate").ThrowIfAny();
        }

        var before = SaveUnit.ToDto(unit);
        unit.MergeInto(successor, request.EffectiveDate!.Value);
        var after = SaveUnit.ToDto(unit);
        await audit.RecordAsync(actor.ActingOn(unit.Path, StaffRole.UnitAdmin), "unit.merged", "Unit", unit.Code, before, after, cancellationToken);
        await audit.RecordAsync(actor.ActingOn(successor.Path, StaffRole.UnitAdmin), "unit.absorbed", "Unit", successor.Code, null,
            new { Predecessor = unit.Code, request.EffectiveDate }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(after);
    }
}
