namespace MotCua.Web.Catalog.PublicationDecisions;

/// <summary>
/// The time limits of a publication decision, in working days of the province's calendar (<c>MotCua:Catalog:Publication</c>).
/// </summary>
internal sealed class PublicationOptions
{
    public const string Section = "MotCua:Catalog:Publication";

    /// <summary>Decree 63/2010/NĐ-CP Art. 15 (as amended by Decree 48/2013/NĐ-CP Art. 1.5, then Decree 92/2017/NĐ-CP): the decision is issued
    /// "chậm nhất trước 20 (hai mươi) ngày làm việc" before the legal text on the procedures takes effect. The 48/2013 wording found gives the
    /// provincial chairman 5 working days; 92/2017's unified 20 is the brief's reading, its text not found (check).</summary>
    public int IssueBeforeEffectWorkingDays { get; set; } = 20;

    /// <summary>Publicising the announced procedures on the national database (Decree 63/2010 Art. 19 as amended by Decree 92/2017; process in
    /// Decision 31/2021/QĐ-TTg Art. 16–20): within 5 working days of the signing is the developers' reading, the deadline's text not found (check).</summary>
    public int PubliciseWithinWorkingDays { get; set; } = 5;
}

/// <summary>Where a decision's publicising stands on a given day.</summary>
internal enum PublicisingState
{
    OnTime,
    Late,

    /// <summary>Not publicised yet, still within its time.</summary>
    Pending,

    /// <summary>Not publicised, past its time.</summary>
    Overdue,
}

/// <summary>The pure deadline rules of a publication decision: dates and the working calendar in, dates and judgements out.</summary>
internal static class PublicationDeadlines
{
    /// <summary>The last day the decision may be signed: the <paramref name="workingDays"/>th working day before the effective date, so that
    /// at least that many working days, the signing day included, lie before the text takes effect.</summary>
    public static DateOnly LatestSigning(DateOnly effectiveOn, int workingDays, Func<DateOnly, bool> isWorkingDay)
    {
        var day = effectiveOn;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(-1);
            counted += isWorkingDay(day) ? 1 : 0;
        }

        return day;
    }

    /// <summary>The last day to publicise: the <paramref name="workingDays"/>th working day after the signing day (the signing day itself is
    /// not counted, as a period in days starts the next day: Civil Code 2015 Art. 147.1).</summary>
    public static DateOnly PublicisingDeadline(DateOnly signedOn, int workingDays, Func<DateOnly, bool> isWorkingDay)
    {
        var day = signedOn;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            counted += isWorkingDay(day) ? 1 : 0;
        }

        return day;
    }

    public static PublicisingState Publicising(DateOnly? publicisedOn, DateOnly deadline, DateOnly asOf) => publicisedOn switch
    {
        { } on when on <= deadline => PublicisingState.OnTime,
        not null => PublicisingState.Late,
        null when asOf <= deadline => PublicisingState.Pending,
        null => PublicisingState.Overdue,
    };
}
