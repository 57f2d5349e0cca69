using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Identity;

/// <summary>The time step of the last authenticator code an account used. A table of its own: Identity rewrites every
/// column of the user row on each update, which would put back a stale step.</summary>
internal sealed class TotpUse
{
    public Guid UserId { get; init; }
    public long LastStep { get; set; }
}

internal sealed class TotpUseConfiguration : IEntityTypeConfiguration<TotpUse>
{
    public void Configure(EntityTypeBuilder<TotpUse> builder)
    {
        builder.ToTable("TotpUses");
        builder.HasKey(u => u.UserId);
        builder.Property(u => u.UserId).ValueGeneratedNever();
    }
}

/// <summary>
/// Authenticator codes (RFC 6238) accepted once: a code is valid for its 30-second step and the one on each side
/// (clock drift), and only for a step later than the last one this account used. RFC 6238 §5.2: "the verifier MUST
/// NOT accept the second attempt of the OTP after the successful validation has been issued for the first OTP".
/// Claiming the step is one conditional UPDATE, or one INSERT for the first code, so two nodes given the same code at
/// once accept it once.
/// </summary>
internal sealed class OneTimeAuthenticator(IServiceScopeFactory scopes, TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    // Authenticator apps make the codes; the server never sends one.
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var secret = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(secret) || token.Length != 6 || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        var now = Totp.Step(clock.GetUtcNow());
        long? matched = null;
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Totp.Code(secret, step)), Encoding.ASCII.GetBytes(token)))
            {
                matched = step;
            }
        }

        return matched is { } used && await ClaimAsync(user.Id, used);
    }

    // Its own context: the request's context belongs to the sign-in, whose user row Identity saves on its own.
    private async Task<bool> ClaimAsync(Guid userId, long step)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MotCuaDbContext>();
        if (await db.TotpUses.Where(u => u.UserId == userId && u.LastStep < step).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastStep, step)) == 1)
        {
            return true;
        }

        db.TotpUses.Add(new TotpUse { UserId = userId, LastStep = step });
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException e) when (DatabaseModule.IsUniqueViolation(e))
        {
            // The account already used this step or a later one (or another node claimed it a moment ago).
            return false;
        }
    }
}
