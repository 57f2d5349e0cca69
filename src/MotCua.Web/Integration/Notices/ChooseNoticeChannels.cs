using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Identity;

namespace MotCua.Web.Integration.Notices;

/// <summary>
/// <c>GET/PUT /api/v1/me/notice-channels</c> and the page <c>/tai-khoan/thong-bao</c>: a citizen chooses to get notices
/// by email, by SMS, both, or none. Each change is recorded in the account's history.
/// </summary>
internal static class ChooseNoticeChannels
{
    public sealed record Channels(bool Email, bool Sms);

    public static async Task<Ok<Channels>> Get(MotCuaDbContext db, CurrentActor actor, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CurrentAsync(db, actor.UserId!.Value, cancellationToken));

    public static async Task<Ok<Channels>> Put(Channels request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await SaveAsync(db, actor, audit, clock, request, cancellationToken));

    public static async Task<Channels> CurrentAsync(MotCuaDbContext db, Guid user, CancellationToken cancellationToken) =>
        await db.NoticeChoices.AsNoTracking().Where(c => c.UserId == user).Select(c => new Channels(c.Email, c.Sms)).FirstOrDefaultAsync(cancellationToken)
        ?? new Channels(Email: true, Sms: true);

    public static async Task<Channels> SaveAsync(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock, Channels wanted,
        CancellationToken cancellationToken)
    {
        var user = actor.UserId!.Value;
        var choice = await db.NoticeChoices.FirstOrDefaultAsync(c => c.UserId == user, cancellationToken);
        var before = choice is null ? new Channels(Email: true, Sms: true) : new Channels(choice.Email, choice.Sms);
        if (choice is null)
        {
            choice = new NoticeChoice { UserId = user };
            db.NoticeChoices.Add(choice);
        }

        choice.Email = wanted.Email;
        choice.Sms = wanted.Sms;
        choice.ChangedAt = clock.GetUtcNow().UtcDateTime;
        await audit.RecordAsync(actor.Self, "notice-channels.chosen", nameof(AppUser), user.ToString(), before, wanted, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return wanted;
    }
}
