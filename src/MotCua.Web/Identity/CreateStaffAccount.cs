using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Identity;

/// <summary><c>POST /api/v1/users</c>: a unit administrator creates a staff account with roles inside the
/// units it administers. The new account must set up its authenticator at first sign-in.</summary>
internal static class CreateStaffAccount
{
    public sealed record RoleRequest(StaffRole Role, string? UnitCode);

    public sealed record Request(string? UserName, string? FullName, string? Email, string? Password, IReadOnlyList<RoleRequest>? Roles);

    public sealed record Response(Guid Id, string UserName);

    public static async Task<Created<Response>> Handle(Request request, UserManager<AppUser> users, MotCuaDbContext db, CurrentActor actor,
        AuditTrail audit, TimeProvider clock, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("userName", request.UserName, 64);
        errors.Required("fullName", request.FullName, 200);
        errors.Required("password", request.Password, PasswordRules.Maximum);
        errors.MaxLength("email", request.Email, 256);
        if (request.Roles is not { Count: > 0 })
        {
            errors.Add("roles", "Validation.Required");
        }

        errors.ThrowIfAny();
        var codes = request.Roles!.Select(r => r.UnitCode ?? "").Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, cancellationToken);
        foreach (var role in request.Roles!)
        {
            if (!units.TryGetValue(role.UnitCode ?? "", out var unit))
            {
                errors.Add("roles", "Units.UnknownCode", role.UnitCode ?? "");
            }
            else if (!actor.Covers(unit.Path, StaffRole.UnitAdmin) || (role.Role == StaffRole.SystemAdmin && !actor.IsSystemAdmin))
            {
                throw ProblemException.Forbidden();
            }
        }

        errors.ThrowIfAny();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = request.UserName!.Trim(),
            FullName = request.FullName!.Trim(),
            Email = request.Email,
            Kind = AccountKind.Staff,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        foreach (var role in request.Roles!.DistinctBy(r => (r.Role, r.UnitCode)))
        {
            user.Roles.Add(new RoleAssignment { Role = role.Role, UnitId = units[role.UnitCode!].Id });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.CreateAsync(user, request.Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                errors.Add(error.Code is "DuplicateUserName" ? "userName" : "password", "Identity." + error.Code, error.Description);
            }

            errors.ThrowIfAny();
        }

        var firstUnit = units[request.Roles![0].UnitCode!];
        await audit.RecordAsync(actor.ActingOn(firstUnit.Path, StaffRole.UnitAdmin), "account.created", "Account", user.Id.ToString(), null,
            new { user.UserName, user.FullName, Roles = request.Roles.Select(r => r.Role + "@" + r.UnitCode) }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/users/{user.Id}", new Response(user.Id, user.UserName));
    }
}
