using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.CitizenIdentity;

/// <summary>The verified person cannot use this account: a staff or disabled account, or one already linked to someone else.</summary>
internal sealed class LinkRefusedException(string message) : Exception(message);

/// <summary>
/// Finds the citizen account of a person the national identity vouched for, or makes one, and links them. In order: the account
/// already linked to this subject, or to this personal identification number; the citizen account signed in now (a citizen who had
/// registered with a password links it); the account named by the identification number; a new citizen account. Each link and
/// each account made is recorded in the history.
/// </summary>
internal sealed class LinkNationalIdentity(MotCuaDbContext db, UserManager<AppUser> users, AuditTrail audit, TimeProvider clock)
{
    public async Task<AppUser> LinkAsync(VerifiedIdentity identity, Guid? signedIn, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await db.NationalIdentityLinks.FirstOrDefaultAsync(l => l.Issuer == identity.Issuer && l.Subject == identity.Subject, cancellationToken)
            ?? await db.NationalIdentityLinks.FirstOrDefaultAsync(l => l.IdNumber == identity.IdNumber, cancellationToken);
        AppUser? user;
        if (link is not null)
        {
            user = await users.FindByIdAsync(link.UserId.ToString());
        }
        else
        {
            var current = signedIn is { } id ? await users.FindByIdAsync(id.ToString()) : null;
            if (current is not { Kind: AccountKind.Citizen } || await db.NationalIdentityLinks.AnyAsync(l => l.UserId == current.Id, cancellationToken))
            {
                current = null;
            }

            user = current ?? await users.FindByNameAsync(identity.IdNumber);
            var how = ReferenceEquals(user, current) && user is not null ? "signed-in-account" : user is null ? "new-account" : "account-by-id-number";
            if (user is null)
            {
                user = new AppUser
                {
                    Id = Guid.CreateVersion7(),
                    UserName = identity.IdNumber,
                    FullName = identity.FullName,
                    Kind = AccountKind.Citizen,
                    CreatedAt = now,
                };
                // No password: this account signs in through the national identity only.
                var created = await users.CreateAsync(user);
                if (!created.Succeeded)
                {
                    throw new LinkRefusedException("the account could not be made: " + string.Join(", ", created.Errors.Select(e => e.Code)));
                }

                await audit.RecordAsync(Actor(user), "account.registered", "Account", user.Id.ToString(), null, new { user.Kind, Through = "national-identity" },
                    cancellationToken);
            }

            if (await db.NationalIdentityLinks.AnyAsync(l => l.UserId == user.Id, cancellationToken))
            {
                throw new LinkRefusedException("the account is linked to another person");
            }

            link = new NationalIdentityLink { UserId = user.Id, Issuer = identity.Issuer, Subject = identity.Subject, LinkedAt = now };
            db.NationalIdentityLinks.Add(link);
            await audit.RecordAsync(Actor(user), "account.national-identity-linked", "Account", user.Id.ToString(), null,
                new { identity.Issuer, identity.Subject, How = how }, cancellationToken);
        }

        if (user is not { Kind: AccountKind.Citizen, IsDisabled: false })
        {
            throw new LinkRefusedException("only an enabled citizen account signs in through the national identity");
        }

        link.Refresh(identity, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    private static Actor Actor(AppUser user) => new(user.Id, user.FullName, nameof(AccountKind.Citizen), null);
}
