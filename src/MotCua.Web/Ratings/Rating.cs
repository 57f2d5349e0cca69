using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Ratings;

/// <summary>Where the citizen rated: on the counter tablet, online (signed in or with the dossier's code), or from the return notice's link.</summary>
internal enum RatingChannel
{
    Counter,
    Online,
    NoticeLink,
}

/// <summary>The national portal's three levels (the first criterion of every set).</summary>
internal enum Satisfaction
{
    VerySatisfied,
    Satisfied,
    NotSatisfied,
}

/// <summary>Why a rating waits for a supervisor's look.</summary>
internal enum RatingFlag
{
    /// <summary>Many ratings from one device or address within minutes.</summary>
    OneDeviceBurst,

    /// <summary>Many all-maximum ratings at one unit within minutes.</summary>
    AllMaximumBurst,
}

/// <summary>
/// The citizen's rating of one finished dossier (đánh giá mức độ hài lòng): one per dossier, changeable within a window.
/// It names the desk officer who returned the result and the unit that received the dossier, for the results per officer,
/// unit and procedure. <see cref="Source"/> is a keyed hash of the device or address, never the address itself.
/// </summary>
internal sealed class Rating
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid DossierId { get; init; }
    public required string DossierCode { get; init; }
    public int UnitId { get; init; }
    public required string UnitPath { get; init; }
    public required string ProcedureCode { get; init; }
    public required string ProcedureName { get; init; }
    public Guid? OfficerId { get; init; }
    public string? OfficerName { get; init; }
    public int Version { get; private set; }
    public RatingChannel Channel { get; private set; }
    public string CriteriaVersion { get; private set; } = "";
    public Satisfaction Overall { get; private set; }
    public int Points { get; private set; }
    public int MaxPoints { get; private set; }
    public string? Comment { get; private set; }
    public DateTime FirstRatedAt { get; init; }
    public DateTime RatedAt { get; private set; }
    public int Changes { get; private set; }
    public string Source { get; private set; } = "";
    public RatingFlag? Flag { get; private set; }
    public List<RatingAnswer> Answers { get; } = [];

    public bool AllMaximum => Points == MaxPoints;

    /// <summary>Sets the answers (the first rating, or a change within the window).</summary>
    public void Record(RatingCriteriaSet set, IReadOnlyList<RatingAnswer> answers, string? comment, RatingChannel channel, string source, DateTime at)
    {
        if (Version > 0)
        {
            Changes++;
        }

        Version++;
        CriteriaVersion = set.Version;
        Answers.Clear();
        Answers.AddRange(answers);
        Points = answers.Sum(a => a.Points);
        MaxPoints = set.MaxPoints;
        Overall = (Satisfaction)set.Overall.Options.FindIndex(o => o.Key == answers.Single(a => a.Criterion == set.Overall.Key).Option);
        Comment = comment;
        Channel = channel;
        Source = source;
        RatedAt = at;
    }

    public void Raise(RatingFlag flag) => Flag ??= flag;
}

internal sealed class RatingAnswer
{
    public int Id { get; private set; }
    public required string Criterion { get; init; }
    public required string Option { get; init; }
    public int Points { get; init; }
}

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> builder)
    {
        builder.ToTable("Ratings");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.DossierId).IsUnique();
        builder.Property(r => r.DossierCode).HasMaxLength(60);
        builder.Property(r => r.UnitPath).HasMaxLength(400);
        builder.Property(r => r.ProcedureCode).HasMaxLength(60);
        builder.Property(r => r.ProcedureName).HasMaxLength(500);
        builder.Property(r => r.OfficerName).HasMaxLength(200);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.CriteriaVersion).HasMaxLength(40);
        builder.Property(r => r.Overall).HasConversion<string>().HasMaxLength(15);
        builder.Property(r => r.Comment).HasMaxLength(1000);
        builder.Property(r => r.Source).HasMaxLength(64);
        builder.Property(r => r.Flag).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(r => new { r.UnitPath, r.RatedAt });
        builder.HasIndex(r => new { r.Source, r.RatedAt });
        builder.OwnsMany(r => r.Answers, a =>
        {
            a.ToTable("RatingAnswers");
            a.HasKey(x => x.Id);
            a.Property(x => x.Criterion).HasMaxLength(40);
            a.Property(x => x.Option).HasMaxLength(40);
        });
    }
}
