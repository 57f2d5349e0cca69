using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace MotCua.Web.Identity;

/// <summary>
/// OWASP ASVS 5.0 V6.2: at least 8 characters (12 for staff), at least 64 allowed, no composition
/// rules, and no password from the list of common passwords shipped in <c>common-passwords.txt</c>.
/// </summary>
internal sealed class PasswordRules : IPasswordValidator<AppUser>
{
    public const int CitizenMinimum = 8;
    public const int StaffMinimum = 12;
    public const int Maximum = 128;

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        password ??= "";
        var minimum = user.Kind == AccountKind.Staff ? StaffMinimum : CitizenMinimum;
        var errors = new List<IdentityError>();
        if (password.Length < minimum)
        {
            errors.Add(new IdentityError { Code = "PasswordTooShort", Description = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        if (password.Length > Maximum)
        {
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        if (IsCommon(password) || (user.UserName is { Length: > 0 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = "common" });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim().ToLowerInvariant());

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MotCua.Web.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
