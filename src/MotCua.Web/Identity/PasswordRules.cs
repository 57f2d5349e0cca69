using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace MotCua.Web.Identity;

/// <summary>
/// OWASP ASVS 5.0 V6.2 and NIST SP 800-63B 3.1.1.2: at least 8 characters (12 for staff), at least 64 allowed,
/// no composition rules; no password from the shipped list of common and breached passwords
/// (<c>common-passwords.txt</c>, about 50,000), nor a listed word dressed with digits and symbols
/// (<c>Password123!</c>), nor one built on the account's own data: name, user name, phone number, email.
/// </summary>
internal sealed class PasswordRules : IPasswordValidator<AppUser>
{
    public const int CitizenMinimum = 8;
    public const int StaffMinimum = 12;
    public const int Maximum = 128;

    // Shorter pieces of personal data (a given name like "An") would refuse too many good passphrases.
    private const int ShortestPersonalPiece = 4;

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        password ??= "";
        var minimum = user.Kind == AccountKind.Staff ? StaffMinimum : CitizenMinimum;
        var errors = new List<IdentityError>();
        if (password.Length < minimum)
        {
            errors.Add(new IdentityError { Code = "PasswordTooShort", Description = minimum.ToString(CultureInfo.InvariantCulture) });
        }

        if (password.Length > Maximum)
        {
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = Maximum.ToString(CultureInfo.InvariantCulture) });
        }

        if (IsCommon(password))
        {
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = "common" });
        }
        else if (ContainsPersonalData(user, password))
        {
            errors.Add(new IdentityError { Code = "PasswordPersonal", Description = "personal" });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>Listed as it is, or once the digits and symbols around a listed word are taken away.</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        var core = lower.Trim(Decorations);
        return Common.Value.Contains(lower) || (core.Length >= ShortestPersonalPiece && Common.Value.Contains(core));
    }

    private static readonly char[] Decorations = "0123456789!@#$%^&*()-_=+.,;:?/\\|~`'\"[]{}<> ".ToCharArray();

    private static bool ContainsPersonalData(AppUser user, string password)
    {
        var compact = Compact(password);
        var email = user.Email is { } e && e.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? e[..at] : null;
        // The phone's nine significant digits, so that 0905… and +84905… are caught alike.
        var phone = user.PhoneNumber is { Length: >= 9 } p ? p[^9..] : null;
        string?[] pieces = [user.UserName, email, phone, user.FullName, .. (user.FullName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        return pieces.Select(piece => Compact(piece ?? ""))
            .Any(piece => piece.Length >= ShortestPersonalPiece && compact.Contains(piece, StringComparison.Ordinal));
    }

    /// <summary>Lower case, no Vietnamese marks (đ as d), letters and digits only: "Trần Thị Mai" → "tranthimai".</summary>
    private static string Compact(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant().Replace('đ', 'd').Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

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
