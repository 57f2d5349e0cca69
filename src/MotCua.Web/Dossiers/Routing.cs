using Microsoft.EntityFrameworkCore;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Dossiers;

internal sealed record UnitRef(int Id, string Code, string Name, string Path);

/// <summary>
/// Which desk receives and which unit handles. A dossier received at any desk of the province for a
/// procedure another unit provides goes to that competent unit (Decree 118/2025: intake anywhere in the
/// province); both units are recorded.
/// </summary>
internal static class Routing
{
    private sealed record DeskUnit(UnitRef Ref, DateOnly ValidFrom, DateOnly? ValidTo);

    /// <summary>The desk the officer acts for: the named unit, or the unit of the officer's desk role.</summary>
    public static async Task<UnitRef> DeskAsync(MotCuaDbContext db, IntakeCache cache, CurrentActor actor, string? deskUnitCode, DateOnly today,
        CancellationToken cancellationToken)
    {
        var code = deskUnitCode ?? actor.Roles.Where(r => r.Role == StaffRole.DeskOfficer).Select(r => r.UnitCode).FirstOrDefault()
            ?? throw ProblemException.Forbidden();
        var unit = await cache.GetAsync((nameof(DeskUnit), code), () => db.Units.AsNoTracking().Where(u => u.Code == code)
            .Select(u => new DeskUnit(new UnitRef(u.Id, u.Code, u.Name, u.Path), u.ValidFrom, u.ValidTo))
            .FirstOrDefaultAsync(cancellationToken));
        if (unit is null || !actor.Covers(unit.Ref.Path, StaffRole.DeskOfficer))
        {
            throw ProblemException.Forbidden();
        }

        if (unit.ValidFrom > today || unit.ValidTo < today)
        {
            throw ProblemException.Conflict("unit-closed", "Dossiers.DeskClosed");
        }

        return unit.Ref;
    }

    /// <summary>The competent unit among the procedure's providers active today.</summary>
    public static async Task<UnitRef> HandlerAsync(MotCuaDbContext db, IntakeCache cache, string procedureCode, UnitRef desk, string? requested,
        DateOnly today, FieldErrors errors, CancellationToken cancellationToken)
    {
        var providers = await cache.GetAsync((nameof(HandlerAsync), procedureCode, today), () => db.ProcedureProviders.AsNoTracking()
            .Where(p => p.Procedure!.Code == procedureCode && p.Unit!.ValidFrom <= today && (p.Unit.ValidTo == null || p.Unit.ValidTo >= today))
            .Select(p => new UnitRef(p.Unit!.Id, p.Unit.Code, p.Unit.Name, p.Unit.Path))
            .ToListAsync(cancellationToken));
        var province = "/" + desk.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0] + "/";
        var inProvince = providers.Where(p => p.Path.StartsWith(province, StringComparison.Ordinal)).ToList();
        var chosen = requested is not null
            ? inProvince.FirstOrDefault(p => p.Code == requested)
            : inProvince.FirstOrDefault(p => p.Id == desk.Id)
                // A district-level procedure received at a commune desk goes up to the district that contains it.
                ?? inProvince.Where(p => desk.Path.StartsWith(p.Path, StringComparison.Ordinal)).MaxBy(p => p.Path.Length)
                ?? (inProvince.Count == 1 ? inProvince[0] : null);
        if (chosen is null)
        {
            errors.Add("handlingUnitCode", inProvince.Count == 0 ? "Dossiers.NoProvider" : "Dossiers.ChooseHandlingUnit",
                string.Join(", ", inProvince.Select(p => p.Code)));
        }

        return chosen!;
    }

    public static async Task<UnitRef?> UnitAsync(MotCuaDbContext db, string code, CancellationToken cancellationToken) =>
        await db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => new UnitRef(u.Id, u.Code, u.Name, u.Path)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Dossiers the caller may see: those the caller's units (or their offices' parents) received or handle, those whose current
    /// step the caller's office or agency does (a transfer included, from the moment it is sent), the one a transfer went to,
    /// and those assigned to the caller, whichever office of the unit the caller sits in.
    /// </summary>
    public static IQueryable<Dossier> Visible(IQueryable<Dossier> dossiers, CurrentActor actor)
    {
        var me = actor.UserId;
        return UnitScope.WithinAnyOr(dossiers, actor.VisiblePaths, d => me != null && d.AssigneeId == me,
            d => d.HandlingUnitPath, d => d.ReceivingUnitPath, d => d.TransferUnitPath!, d => d.StepOfficePath!);
    }

    /// <summary>The same rule as <see cref="Visible(IQueryable{Dossier}, CurrentActor)"/>, for a dossier already loaded.</summary>
    public static bool Visible(Dossier dossier, CurrentActor actor) =>
        actor.VisiblePaths is not { } paths || (actor.UserId is { } me && dossier.AssigneeId == me) || paths.Any(p =>
            dossier.HandlingUnitPath.StartsWith(p, StringComparison.Ordinal) || dossier.ReceivingUnitPath.StartsWith(p, StringComparison.Ordinal)
            || (dossier.TransferUnitPath?.StartsWith(p, StringComparison.Ordinal) ?? false)
            || (dossier.StepOfficePath?.StartsWith(p, StringComparison.Ordinal) ?? false));
}
