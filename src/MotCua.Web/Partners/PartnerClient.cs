using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Units;

namespace MotCua.Web.Partners;

/// <summary>The kinds of machine client that call MotCua.</summary>
internal enum PartnerKind
{
    /// <summary>Cổng Dịch vụ công quốc gia.</summary>
    NationalPortal,

    /// <summary>Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP).</summary>
    Lgsp,

    /// <summary>A ministry's or sector's system.</summary>
    Ministry,
    Other,
}

/// <summary>
/// A machine client registered by an administrator: what it may call (scopes), which unit subtrees it sees, and how
/// often. Only the SHA-256 of its secret is kept; the secret itself is shown once, at registration or rotation.
/// </summary>
internal sealed class PartnerClient
{
    public int Id { get; private set; }
    public required string ClientId { get; init; }
    public required string Name { get; set; }
    public PartnerKind Kind { get; set; }

    /// <summary>The granted scopes, space-separated as in OAuth 2.0 (RFC 6749 §3.3).</summary>
    public required string Scopes { get; set; }

    public int RatePerMinute { get; set; }
    public required byte[] SecretHash { get; set; }

    /// <summary>Counts rotations: a token issued under an older secret is no longer accepted.</summary>
    public int SecretVersion { get; set; } = 1;

    public bool Enabled { get; set; } = true;
    public DateTime CreatedAt { get; init; }
    public int Version { get; set; }
    public List<PartnerClientUnit> Units { get; init; } = [];

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A new random secret (256 bits), returned once to the administrator.</summary>
    public static string NewSecret() => "mcs_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Compares in constant time. The secrets are random and long, so a fast hash suffices (no password stretching).</summary>
    public bool HasSecret(string secret) => CryptographicOperations.FixedTimeEquals(Hash(secret), SecretHash);

    public string Rotate()
    {
        var secret = NewSecret();
        SecretHash = Hash(secret);
        SecretVersion++;
        Version++;
        return secret;
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>What the history records of the client: never the secret or its hash.</summary>
    public object Snapshot() => new
    {
        ClientId,
        Name,
        Kind = Kind.ToString(),
        Scopes,
        Units = Units.Select(u => u.Unit?.Code).ToList(),
        RatePerMinute,
        SecretVersion,
        Enabled,
    };
}

/// <summary>A unit whose subtree the client may see.</summary>
internal sealed class PartnerClientUnit
{
    public int PartnerClientId { get; init; }
    public int UnitId { get; init; }
    public AdministrativeUnit? Unit { get; init; }
}

/// <summary>
/// An access token MotCua issued: a reference token, stored as its SHA-256 only. Reference tokens rather than JWTs:
/// each call already reads the database (the call log), a disabled or rotated client loses its tokens at once, and no
/// signing key has to be kept, shared between nodes and rolled.
/// </summary>
internal sealed class PartnerToken
{
    public long Id { get; private set; }
    public required byte[] TokenHash { get; init; }
    public int PartnerClientId { get; init; }
    public PartnerClient? Client { get; init; }

    /// <summary>The scopes granted to this token: the request's <c>scope</c>, within the client's.</summary>
    public required string Scopes { get; init; }

    public int SecretVersion { get; init; }
    public DateTime IssuedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>One call by a partner: who, with which scope, where, the answer's status and when. Append-only.</summary>
internal sealed class PartnerCall
{
    public long Id { get; private set; }
    public int PartnerClientId { get; init; }
    public required string ClientId { get; init; }
    public string? Scope { get; init; }
    public required string Method { get; init; }
    public required string Path { get; init; }
    public int Status { get; init; }
    public DateTime At { get; init; }
}

internal sealed class PartnerClientConfiguration : IEntityTypeConfiguration<PartnerClient>
{
    public void Configure(EntityTypeBuilder<PartnerClient> builder)
    {
        builder.ToTable("PartnerClients");
        builder.Property(c => c.ClientId).HasMaxLength(60);
        builder.HasIndex(c => c.ClientId).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Scopes).HasMaxLength(400);
        builder.Property(c => c.SecretHash).HasMaxLength(32);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.ScopeList);
        builder.HasMany(c => c.Units).WithOne().HasForeignKey(u => u.PartnerClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PartnerClientUnitConfiguration : IEntityTypeConfiguration<PartnerClientUnit>
{
    public void Configure(EntityTypeBuilder<PartnerClientUnit> builder)
    {
        builder.ToTable("PartnerClientUnits");
        builder.HasKey(u => new { u.PartnerClientId, u.UnitId });
        builder.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnerTokenConfiguration : IEntityTypeConfiguration<PartnerToken>
{
    public void Configure(EntityTypeBuilder<PartnerToken> builder)
    {
        builder.ToTable("PartnerTokens");
        builder.Property(t => t.TokenHash).HasMaxLength(32);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.Scopes).HasMaxLength(400);
        builder.HasOne(t => t.Client).WithMany().HasForeignKey(t => t.PartnerClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PartnerCallConfiguration : IEntityTypeConfiguration<PartnerCall>
{
    public void Configure(EntityTypeBuilder<PartnerCall> builder)
    {
        builder.ToTable("PartnerCalls");
        builder.Property(c => c.ClientId).HasMaxLength(60);
        builder.Property(c => c.Scope).HasMaxLength(40);
        builder.Property(c => c.Method).HasMaxLength(10);
        builder.Property(c => c.Path).HasMaxLength(400);
        builder.HasIndex(c => c.At);
        builder.HasIndex(c => new { c.PartnerClientId, c.At });
    }
}
