using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Integration.Outbox;

namespace MotCua.Web.Integration.Notices;

/// <summary>
/// The channels a citizen account wants its notices on. An account without a row gets both, as the contact it gave; a
/// dossier without an account (taken at the counter) goes to the contact the desk typed.
/// </summary>
internal sealed class NoticeChoice
{
    public Guid UserId { get; init; }
    public bool Email { get; set; }
    public bool Sms { get; set; }
    public DateTime ChangedAt { get; set; }

    public bool Wants(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => Email,
        NotificationChannel.Sms => Sms,
        NotificationChannel.Portal => true,
    };

    /// <summary>The messages for <paramref name="account"/> that its choice lets through (all of them for no account).</summary>
    public static async Task<IReadOnlyList<OutboxMessage>> KeepWantedAsync(MotCuaDbContext db, Guid? account, IReadOnlyList<OutboxMessage> messages,
        CancellationToken cancellationToken)
    {
        if (account is null || messages.Count == 0)
        {
            return messages;
        }

        var choice = await db.NoticeChoices.AsNoTracking().FirstOrDefaultAsync(c => c.UserId == account, cancellationToken);
        return choice is null ? messages : messages.Where(m => choice.Wants(m.Channel)).ToList();
    }
}

internal sealed class NoticeChoiceConfiguration : IEntityTypeConfiguration<NoticeChoice>
{
    public void Configure(EntityTypeBuilder<NoticeChoice> builder)
    {
        builder.ToTable("NoticeChoices");
        builder.HasKey(c => c.UserId);
    }
}
