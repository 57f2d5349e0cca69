using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MotCua.Web.Dossiers;

/// <summary>
/// What the deadline watch (issue 6) keeps on a dossier: the due date for which the soon-due and the overdue notices
/// were sent, so each goes out once per due date (a new due date may notify again), and the automatic closure.
/// </summary>
internal sealed partial class Dossier
{
    /// <summary>
    /// The dossier's processing clock runs: received, in processing, or waiting for a payment whose time counts (no stopped
    /// interval is open). A supplement always stops the clock. The one rule for the deadline watch and the inboxes' time left.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Dossier, bool>> ClockRuns = d =>
        d.State == DossierState.Received || d.State == DossierState.Processing
        || (d.State == DossierState.AwaitingPayment && !d.Suspensions.Any(s => s.To == null));

    /// <summary>The due moment the soon-due notice was sent for. Claimed by a conditional update, never by the entity: see FlagDueDossiers.</summary>
    public DateTime? SoonDueNoticeFor { get; private set; }

    /// <summary>The due moment the overdue notice was sent for. Claimed by a conditional update, never by the entity: see FlagDueDossiers.</summary>
    public DateTime? OverdueNoticeFor { get; private set; }

    /// <summary>
    /// The applicant did not supplement within the configured wait: processing stops (state 8, "dừng xử lý") with the
    /// reason. The dossier can be neither decided nor resumed afterwards; a new submission starts a new dossier.
    /// </summary>
    public RuleBroken? CloseUnsupplemented(string reason, DateTime at) => Require(DossierState.AwaitingSupplement) ?? End(DossierState.Stopped, reason, at);
}

internal sealed class DossierDeadlinesConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> builder)
    {
        // The office queue: unassigned dossiers in processing whose step an office subtree (a path prefix) does, read in due
        // order. PostgreSQL serves a LIKE prefix from a btree only with pattern operators, as the database collation is not "C".
        builder.HasIndex(d => new { d.StepOfficePath, d.DueAt, d.Code }, "IX_Dossiers_OfficeQueue")
            .HasFilter("\"State\" = 'Processing' AND \"AssigneeId\" IS NULL")
            .HasOperators("text_pattern_ops");

        // The deadline watch reads undecided dossiers whose clock runs, in due order.
        builder.HasIndex(d => d.DueAt, "IX_Dossiers_OpenByDue").HasFilter("\"State\" IN ('Received', 'Processing')");
    }
}
