namespace MotCua.Web.Workflow;

/// <summary>
/// Settings of processing. A procedure's clock rules (after a supplement, while the applicant pays) are not settings: each
/// procedure version holds them in the catalog.
/// </summary>
internal sealed class WorkflowOptions
{
    public const string Section = "Workflow";

    /// <summary>
    /// Working days (by the handling unit's calendar) a dossier waits for a supplement before processing stops.
    /// No general rule fixes this wait: Decree 61/2018 and Decree 118/2025 only require the request to list everything
    /// missing at once, and leave any time limit to the law of each procedure. 30 is a setting, not a legal figure.
    /// </summary>
    public int SupplementWaitWorkingDays { get; init; } = 30;

    /// <summary>Working hours before the due moment from which the assignee and the desk are told the dossier is due soon.</summary>
    public int SoonDueWorkingHours { get; init; } = 8;

    /// <summary>How often each web node looks for dossiers to flag or close.</summary>
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Refuses a configuration the watch cannot work with, at start-up rather than at the first round.</summary>
    public WorkflowOptions Validated()
    {
        if (SupplementWaitWorkingDays is < 1 or > 365)
        {
            throw new InvalidOperationException($"{Section}:{nameof(SupplementWaitWorkingDays)} must be from 1 to 365 working days.");
        }

        if (SoonDueWorkingHours is < 1 or > 400)
        {
            throw new InvalidOperationException($"{Section}:{nameof(SoonDueWorkingHours)} must be from 1 to 400 working hours.");
        }

        if (WatchInterval < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException($"{Section}:{nameof(WatchInterval)} must be at least one second.");
        }

        return this;
    }
}
