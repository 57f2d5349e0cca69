using MotCua.Web.Calendar;
using static MotCua.Tests.Calendar.TestCalendar;

namespace MotCua.Tests.Calendar;

/// <summary>Seeded random checks over 2018–2027, plus a minute-by-minute reference implementation.</summary>
public sealed class WorkingCalendarPropertyTests
{
    private const int Cases = 5000;
    private static readonly DateTime RangeStart = new(2018, 1, 1);
    private static readonly int RangeMinutes = (int)(new DateTime(2028, 1, 1) - RangeStart).TotalMinutes;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromHours(8 * 30);

    [Fact]
    public void ALaterStartNeverGivesAnEarlierDue()
    {
        var random = new Random(1);
        var options = new DueOptions(new TimeOnly(15, 0));
        for (int i = 0; i < Cases; i++)
        {
            var earlier = RandomMoment(random);
            var later = earlier.AddMinutes(random.Next(0, 3 * 24 * 60));
            var time = new ProcessingTime(random.Next(0, 20), (DurationUnit)random.Next(0, 4));

            Assert.True(Engine.Due(earlier, time, options) <= Engine.Due(later, time, options), $"{earlier:O} vs {later:O}, {time}");
            var duration = RandomDuration(random);
            Assert.True(Engine.AddWorkingTime(earlier, duration) <= Engine.AddWorkingTime(later, duration));
        }
    }

    [Fact]
    public void AddingInTwoStepsEqualsAddingOnce()
    {
        var random = new Random(2);
        for (int i = 0; i < Cases; i++)
        {
            var start = RandomMoment(random);
            var (a, b) = (RandomDuration(random), RandomDuration(random));

            Assert.Equal(Engine.AddWorkingTime(start, a + b), Engine.AddWorkingTime(Engine.AddWorkingTime(start, a), b));
        }
    }

    [Fact]
    public void WorkingTimeToTheDueIsTheDuration()
    {
        var random = new Random(3);
        for (int i = 0; i < Cases; i++)
        {
            var start = Engine.NormalizeStart(RandomMoment(random));
            var duration = RandomDuration(random);

            Assert.Equal(duration, Engine.WorkingTimeBetween(start, Engine.AddWorkingTime(start, duration)));
        }
    }

    [Fact]
    public void NormalizingTheStartDoesNotMoveTheDue()
    {
        var random = new Random(4);
        for (int i = 0; i < Cases; i++)
        {
            var start = RandomMoment(random);
            var duration = RandomDuration(random) + TimeSpan.FromMinutes(1);

            Assert.Equal(Engine.AddWorkingTime(start, duration), Engine.AddWorkingTime(Engine.NormalizeStart(start), duration));
        }
    }

    [Fact]
    public void DuesFallInsideOfficeHoursOfWorkingDays()
    {
        var random = new Random(5);
        var hours = WorkingHours.Default;
        for (int i = 0; i < Cases; i++)
        {
            var due = Engine.AddWorkingTime(RandomMoment(random), RandomDuration(random) + TimeSpan.FromMinutes(1));
            var time = TimeOnly.FromDateTime(due);

            Assert.True(Engine.IsWorkingDay(DateOnly.FromDateTime(due)));
            Assert.True(
                (time > hours.MorningStart && time <= hours.MorningEnd) || (time > hours.AfternoonStart && time <= hours.AfternoonEnd),
                $"{due:O}");
        }
    }

    [Fact]
    public void MatchesAMinuteByMinuteReference()
    {
        var random = new Random(6);
        for (int i = 0; i < 400; i++)
        {
            var start = RandomMoment(random);
            int minutes = random.Next(0, 3 * 480);

            Assert.Equal(ReferenceAdd(start, minutes), Engine.AddWorkingTime(start, TimeSpan.FromMinutes(minutes)));
        }
    }

    [Fact]
    public void WorkingDayArithmeticMatchesADayByDayReference()
    {
        var random = new Random(7);
        for (int i = 0; i < 1000; i++)
        {
            var date = DateOnly.FromDateTime(RandomMoment(random));
            int count = random.Next(-40, 41);
            var to = date.AddDays(random.Next(0, 60));

            Assert.Equal(ReferenceAddDays(date, count), Engine.AddWorkingDays(date, count));
            Assert.Equal(ReferenceCount(date, to), Engine.CountWorkingDays(date, to));
        }
    }

    private static DateTime RandomMoment(Random random) => RangeStart.AddMinutes(random.Next(RangeMinutes));

    private static TimeSpan RandomDuration(Random random) => TimeSpan.FromMinutes(random.Next((int)MaxDuration.TotalMinutes));

    private static bool ReferenceIsWorkingDay(DateOnly date)
    {
        var listed = Days2026.FirstOrDefault(d => d.Date == date);
        return listed is null
            ? date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
            : listed.Kind == CalendarDayKind.SwapWork;
    }

    private static bool ReferenceIsWorkingMinute(DateTime minute)
    {
        var time = TimeOnly.FromDateTime(minute);
        return ReferenceIsWorkingDay(DateOnly.FromDateTime(minute))
            && ((time >= new TimeOnly(7, 0) && time < new TimeOnly(11, 30)) || (time >= new TimeOnly(13, 30) && time < new TimeOnly(17, 0)));
    }

    // Walks minute by minute; the due is the end of the last working minute counted.
    private static DateTime ReferenceAdd(DateTime start, int minutes)
    {
        var moment = start;
        while (minutes > 0)
        {
            if (ReferenceIsWorkingMinute(moment))
            {
                minutes--;
            }

            moment = moment.AddMinutes(1);
        }

        return moment;
    }

    private static DateOnly ReferenceAddDays(DateOnly date, int count)
    {
        int step = Math.Sign(count);
        for (int left = Math.Abs(count); left > 0;)
        {
            date = date.AddDays(step);
            if (ReferenceIsWorkingDay(date))
            {
                left--;
            }
        }

        return date;
    }

    private static int ReferenceCount(DateOnly from, DateOnly to)
    {
        int count = 0;
        for (var date = from; date < to; date = date.AddDays(1))
        {
            count += ReferenceIsWorkingDay(date) ? 1 : 0;
        }

        return count;
    }
}
