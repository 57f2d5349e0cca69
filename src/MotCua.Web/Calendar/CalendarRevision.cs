using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Calendar;

/// <summary>
/// One row counting changes to the calendar and to working hours. Every web node keeps its working
/// calendars in memory and rebuilds them when this number moves, so a change made on one node
/// reaches the others within <see cref="CalendarOptions.RefreshInterval"/>. Two writers racing
/// collide on the concurrency token and one gets 409.
/// </summary>
internal sealed class CalendarRevision
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;
    public long Revision { get; private set; }
    public DateTime ChangedAt { get; private set; }

    /// <summary>Counts a change in the caller's unit of work, so it commits with the change.</summary>
    public static async Task BumpAsync(MotCuaDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var row = db.CalendarRevisions.Local.FirstOrDefault()
            ?? await db.CalendarRevisions.FirstOrDefaultAsync(r => r.Id == SingletonId, cancellationToken);
        if (row is null)
        {
            row = new CalendarRevision();
            db.CalendarRevisions.Add(row);
        }

        row.Bump(now);
    }

    private void Bump(DateTime now)
    {
        Revision++;
        ChangedAt = now;
    }
}

internal sealed class CalendarRevisionConfiguration : IEntityTypeConfiguration<CalendarRevision>
{
    public void Configure(EntityTypeBuilder<CalendarRevision> builder)
    {
        builder.ToTable("CalendarRevisions");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Revision).IsConcurrencyToken();
    }
}
