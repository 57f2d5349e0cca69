using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Identity;

/// <summary>A server-side session. The cookie holds only its random id, so signing out or disabling
/// an account ends the session on the server, on every node (OWASP ASVS 5.0 V7).</summary>
internal sealed class UserSession
{
    public required string Id { get; init; }
    public Guid UserId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime AbsoluteExpiry { get; init; }
    public DateTime LastSeenAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>When the user last proved who they are in this session: at sign-in, then at each re-authentication
    /// (see <see cref="RecentAuthentication"/>).</summary>
    public DateTime AuthenticatedAt { get; set; }

    public string? IpAddress { get; init; }
    public string? UserAgent { get; init; }
    public required byte[] Ticket { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.IpAddress).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(300);
        builder.HasIndex(s => s.UserId);
    }
}
