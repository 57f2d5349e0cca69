using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight;

/// <summary>A month, a quarter or a year, the periods oversight figures are published for; a period still running ends today.</summary>
internal sealed record ScorePeriod(int Year, int? Month, int? Quarter, DateOnly From, DateOnly To)
{
    /// <summary>Year required; month (1–12) or quarter (1–4), not both; neither means the whole year. 400 with field errors otherwise.</summary>
    public static ScorePeriod Parse(int? year, int? month, int? quarter, DateOnly today, IStringLocalizer text)
    {
        var errors = new FieldErrors(text);
        if (year is null || year < 2000 || year > today.Year)
        {
            errors.Add("year", "Period.BadYear", today.Year);
        }

        if (month is < 1 or > 12)
        {
            errors.Add("month", "Period.BadMonth");
        }

        if (quarter is < 1 or > 4)
        {
            errors.Add("quarter", "Period.BadQuarter");
        }

        if (month is not null && quarter is not null)
        {
            errors.Add("quarter", "Period.MonthOrQuarter");
        }

        errors.ThrowIfAny();
        var (from, months) = (month, quarter) switch
        {
            ({ } m, _) => (new DateOnly(year!.Value, m, 1), 1),
            (_, { } q) => (new DateOnly(year!.Value, (q * 3) - 2, 1), 3),
            _ => (new DateOnly(year!.Value, 1, 1), 12),
        };
        if (from > today)
        {
            errors.Add(month is null ? "quarter" : "month", "Period.NotStarted");
            errors.ThrowIfAny();
        }

        var to = from.AddMonths(months).AddDays(-1);
        return new ScorePeriod(year!.Value, month, quarter, from, to > today ? today : to);
    }
}
