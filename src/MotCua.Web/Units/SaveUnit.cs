using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Units;

/// <summary><c>POST /api/v1/units</c> creates a unit; <c>PUT /api/v1/units/{code}</c> edits one, guarded by
/// its version (a stale edit gets 409). A unit administrator acts only inside its own subtree.</summary>
internal static class SaveUnit
{
    public sealed record Request(string? Code, string? Name, UnitKind? Kind, UnitLevel? Level, string? ParentCode, DateOnly? ValidFrom, DateOnly? ValidTo, int? Version);

    public static async Task<Created<UnitDto>> Create(Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = Validate(request, localizer, isNew: true);
        var parent = await FindParentAsync(db, request.ParentCode, errors, cancellationToken);
        if (parent is not null && request.ValidFrom is { } from && !parent.IsActiveOn(from))
        {
            errors.Add("validFrom", "Units.ParentClosed");
        }

        errors.ThrowIfAny();
        RequireAdmin(actor, parent?.Path ?? "/" + request.Code + "/", parent is null);
        if (await db.Units.AnyAsync(u => u.Code == request.Code, cancellationToken))
        {
            errors.Add("code", "Units.DuplicateCode", request.Code!).ThrowIfAny();
        }

        var unit = new AdministrativeUnit
        {
            Code = request.Code!.Trim(),
            Name = request.Name!.Trim(),
            Kind = request.Kind!.Value,
            Level = request.Level ?? parent?.Level ?? UnitLevel.Province,
            ValidFrom = request.ValidFrom!.Value,
        };
        unit.PlaceUnder(parent);
        unit.Close(request.ValidTo);
        db.Units.Add(unit);
        var dto = ToDto(unit);
        await audit.RecordAsync(actor.ActingOn(unit.Path, StaffRole.UnitAdmin), "unit.created", "Unit", unit.Code, null, dto, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/units/{unit.Code}", dto);
    }

    public static async Task<Ok<UnitDto>> Update(string code, Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var unit = await db.Units.Include(u => u.Parent).Include(u => u.Successor).FirstOrDefaultAsync(u => u.Code == code, cancellationToken);
        if (unit is null || !actor.Covers(unit.Path))
        {
            throw ProblemException.NotFound("Units.NotFound");
        }

        RequireAdmin(actor, unit.Path, unit.Parent is null);
        var errors = Validate(request with { Code = code }, localizer, isNew: false);
        errors.ThrowIfAny();
        if (request.Version is { } version && version != unit.Version)
        {
            throw ProblemException.Conflict("stale-version", "Problem.ConcurrentChange");
        }

        var before = ToDto(unit);
        unit.Name = request.Name!.Trim();
        unit.Kind = request.Kind!.Value;
        unit.Level = request.Level ?? unit.Level;
        unit.ValidFrom = request.ValidFrom!.Value;
        unit.Close(request.ValidTo);
        unit.Touch();
        var after = ToDto(unit);
        await audit.RecordAsync(actor.ActingOn(unit.Path, StaffRole.UnitAdmin), "unit.updated", "Unit", unit.Code, before, after, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(after);
    }

    public static void RequireAdmin(CurrentActor actor, string path, bool isRoot)
    {
        if (isRoot ? !actor.IsSystemAdmin : !actor.Covers(path, StaffRole.UnitAdmin))
        {
            throw ProblemException.Forbidden();
        }
    }

    public static UnitDto ToDto(AdministrativeUnit u) =>
        new(u.Code, u.Name, u.Kind, u.Level, u.Parent?.Code, u.ValidFrom, u.ValidTo, u.Successor?.Code);

    private static FieldErrors Validate(Request request, IStringLocalizer localizer, bool isNew)
    {
        var errors = new FieldErrors(localizer);
        if (isNew && errors.Required("code", request.Code, 40) && !UnitRules.CodePattern().IsMatch(request.Code!.Trim()))
        {
            errors.Add("code", "Units.BadCode");
        }

        errors.Required("name", request.Name, 200);
        if (request.Kind is null || !Enum.IsDefined(request.Kind.Value))
        {
            errors.Add("kind", "Validation.Required");
        }

        if (request.ValidFrom is null)
        {
            errors.Add("validFrom", "Validation.Required");
        }
        else if (request.ValidTo is { } to && to < request.ValidFrom)
        {
            errors.Add("validTo", "Units.ValidToBeforeFrom");
        }

        return errors;
    }

    private static async Task<AdministrativeUnit?> FindParentAsync(MotCuaDbContext db, string? parentCode, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(parentCode))
        {
            return null;
        }

        var parent = await db.Units.FirstOrDefaultAsync(u => u.Code == parentCode, cancellationToken);
        if (parent is null)
        {
            errors.Add("parentCode", "Units.UnknownCode", parentCode);
        }

        return parent;
    }
}
