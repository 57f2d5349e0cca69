using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Calendar;

internal enum CalendarYearStatus
{
    /// <summary>Drafted from the rules or edited since: not yet checked against the official notice.</summary>
    Generated,

    /// <summary>Checked by an administrator against the government's announcement.</summary>
    Confirmed,
}

/// <summary>
/// One year of the civil-servant calendar as stored: its days off and make-up working days, the
/// announcement it follows, and whether an administrator confirmed it. A year without a row is
/// generated from <see cref="HolidayRules"/> on the fly; the first edit stores it.
/// </summary>
internal sealed class CalendarYear
{
    public const int MaxSource = 2000;
    public const int MaxName = 200;

    public int Year { get; init; }
    public CalendarYearStatus Status { get; private set; }
    public required string Source { get; set; }
    public DateTime? ConfirmedAt { get; private set; }
    public Guid? ConfirmedById { get; private set; }
    public string? ConfirmedByName { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }
    public List<CalendarYearDay> Days { get; init; } = [];

    public static CalendarYear From(OfficialYear year, DateTime now) => new()
    {
        Year = year.Year,
        Source = Truncate(year.Source, MaxSource),
        UpdatedAt = now,
        Days = year.Days.Select(CalendarYearDay.From).ToList(),
    };

    public IEnumerable<CalendarDay> ToCalendarDays() => Days.OrderBy(d => d.Date).Select(d => d.ToCalendarDay());

    /// <summary>Adds the day or changes the listed one with the same date.</summary>
    public void SetDay(CalendarDay day)
    {
        if (day.Date.Year != Year)
        {
            throw new ArgumentException("The day belongs to another year.", nameof(day));
        }

        var fresh = CalendarYearDay.From(day);
        if (Days.FirstOrDefault(d => d.Date == day.Date) is { } listed)
        {
            (listed.Kind, listed.Name, listed.Source) = (fresh.Kind, fresh.Name, fresh.Source);
        }
        else
        {
            Days.Add(fresh);
        }
    }

    public bool RemoveDay(DateOnly date) => Days.RemoveAll(d => d.Date == date) > 0;

    /// <summary>Makes the listed days equal to <paramref name="days"/>, keeping the rows of dates that stay.</summary>
    public void ReplaceDays(IEnumerable<CalendarDay> days)
    {
        var wanted = days.ToDictionary(d => d.Date);
        Days.RemoveAll(d => !wanted.ContainsKey(d.Date));
        foreach (var day in wanted.Values)
        {
            SetDay(day);
        }
    }

    public void Confirm(Guid? userId, string userName, DateTime now)
    {
        Status = CalendarYearStatus.Confirmed;
        ConfirmedById = userId;
        ConfirmedByName = Truncate(userName, MaxName);
        ConfirmedAt = now;
        Touch(now);
    }

    /// <summary>Any change after confirmation needs a new confirmation.</summary>
    public void Changed(DateTime now)
    {
        Status = CalendarYearStatus.Generated;
        ConfirmedAt = null;
        ConfirmedById = null;
        ConfirmedByName = null;
        Touch(now);
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    internal static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>A day that departs from the Monday–Friday week, with the source of that override.</summary>
internal sealed class CalendarYearDay
{
    public const int MaxSource = 1000;

    public int Id { get; private set; }
    public int Year { get; private set; }
    public DateOnly Date { get; init; }
    public CalendarDayKind Kind { get; set; }
    public required string Name { get; set; }
    public string? Source { get; set; }

    public static CalendarYearDay From(CalendarDay day) => new()
    {
        Date = day.Date,
        Kind = day.Kind,
        Name = CalendarYear.Truncate(day.Name, CalendarYear.MaxName),
        Source = day.Source is null ? null : CalendarYear.Truncate(day.Source, MaxSource),
    };

    public CalendarDay ToCalendarDay() => new(Date, Kind, Name, Source);
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> builder)
    {
        builder.ToTable("CalendarYears");
        builder.HasKey(y => y.Year);
        builder.Property(y => y.Year).ValueGeneratedNever();
        builder.Property(y => y.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(y => y.Source).HasMaxLength(CalendarYear.MaxSource);
        builder.Property(y => y.ConfirmedByName).HasMaxLength(CalendarYear.MaxName);
        builder.Property(y => y.Version).IsConcurrencyToken();
        builder.HasMany(y => y.Days).WithOne().HasForeignKey(d => d.Year).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CalendarYearDayConfiguration : IEntityTypeConfiguration<CalendarYearDay>
{
    public void Configure(EntityTypeBuilder<CalendarYearDay> builder)
    {
        builder.ToTable("CalendarDays");
        builder.HasIndex(d => d.Date).IsUnique();
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Name).HasMaxLength(CalendarYear.MaxName);
        builder.Property(d => d.Source).HasMaxLength(CalendarYearDay.MaxSource);
    }
}
