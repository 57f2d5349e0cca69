using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Identity;

/// <summary><c>POST /api/v1/auth/register</c>: a citizen registers with a phone number or an email and a password.</summary>
internal static partial class RegisterCitizen
{
    public sealed record Request(string? PhoneOrEmail, string? FullName, string? Password);

    public sealed record Response(Guid Id, string UserName);

    public static async Task<Created<Response>> Handle(Request request, UserManager<AppUser> users, MotCuaDbContext db, AuditTrail audit,
        TimeProvider clock, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var user = await CreateAsync(request, users, db, audit, clock, localizer, cancellationToken);
        return TypedResults.Created($"/api/v1/auth/me", new Response(user.Id, user.UserName!));
    }

    public static async Task<AppUser> CreateAsync(Request request, UserManager<AppUser> users, MotCuaDbContext db, AuditTrail audit,
        TimeProvider clock, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(localizer);
        errors.Required("fullName", request.FullName, 200);
        errors.Required("password", request.Password, PasswordRules.Maximum);
        var login = (request.PhoneOrEmail ?? "").Trim();
        var isPhone = PhonePattern().IsMatch(login);
        var isEmail = !isPhone && IsEmail(login);
        if (!isPhone && !isEmail)
        {
            errors.Add("phoneOrEmail", "Validation.PhoneOrEmail");
        }

        errors.ThrowIfAny();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = isPhone ? NormalizePhone(login) : login.ToLowerInvariant(),
            FullName = request.FullName!.Trim(),
            Kind = AccountKind.Citizen,
            PhoneNumber = isPhone ? NormalizePhone(login) : null,
            Email = isEmail ? login.ToLowerInvariant() : null,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.CreateAsync(user, request.Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                errors.Add(error.Code is "DuplicateUserName" ? "phoneOrEmail" : "password", "Identity." + error.Code, error.Description);
            }

            errors.ThrowIfAny();
        }

        await audit.RecordAsync(new Actor(user.Id, user.FullName, "Citizen", null), "account.registered", "Account", user.Id.ToString(), null,
            new { user.Kind }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    /// <summary>Vietnamese mobile numbers: 0 or +84 followed by 9 digits.</summary>
    public static string NormalizePhone(string phone) => phone.StartsWith("+84", StringComparison.Ordinal) ? "0" + phone[3..] : phone;

    [GeneratedRegex(@"^(0|\+84)[35789][0-9]{8}$")]
    private static partial Regex PhonePattern();

    /// <summary>A plausible email address: the one rule for citizens' accounts and dossiers.</summary>
    public static bool IsEmail(string value) => value.Length <= 256 && EmailPattern().IsMatch(value);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
