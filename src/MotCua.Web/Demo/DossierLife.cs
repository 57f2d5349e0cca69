using System.Text.Json;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Reporting;
using MotCua.Web.Workflow;

namespace MotCua.Web.Demo;

/// <summary>
/// The generated past of one demo dossier: every change goes through the dossier's own state methods, and each one adds the
/// rows the live commit step would have written at that moment: the history entry (hash-chained, at the time it happened),
/// the reporting milestones and their fact changes. The rows are inserted in bulk by <see cref="DemoHistory"/>.
/// </summary>
internal sealed class DossierLife(Dossier dossier, List<object> rows, FactWriter facts)
{
    // Vietnamese stays readable in the stored history, as AuditTrail writes it.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    private TimelineState _timeline = TimelineState.None;
    private AuditEvent? _head;

    public Dossier Dossier => dossier;

    /// <summary>Applies one change at <paramref name="at"/> by <paramref name="who"/>, with its history entry, milestones and fact changes.</summary>
    public void Do(DateTime at, Actor who, string action, object? after, Func<RuleBroken?> change, IReadOnlyList<DossierFile>? newResults = null)
    {
        var before = DossierSnapshot.Of(dossier);
        if (change() is { } broken)
        {
            throw new InvalidOperationException($"The demo history broke a rule of dossier {dossier.Code}: {broken.TitleKey}");
        }

        _timeline = RecordTimeline.Append(rows, facts, dossier, _timeline, before.MilestonesTo(dossier, newResults ?? [], DateOnly.MinValue));
        var entry = new AuditEvent
        {
            StreamId = nameof(Dossier) + ":" + dossier.Id,
            Sequence = (_head?.Sequence ?? 0) + 1,
            OccurredAt = at,
            ActorId = who.Id,
            ActorName = who.Name,
            ActorRole = who.Role,
            ActorUnitCode = who.UnitCode,
            Action = action,
            EntityType = nameof(Dossier),
            EntityId = dossier.Id.ToString(),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            PreviousHash = _head?.Hash ?? AuditEvent.GenesisHash,
        };
        entry.Seal();
        rows.Add(entry);
        _head = entry;
    }

    /// <summary>Hands the dossier to <paramref name="to"/> (null: back to the desk with its decision), as the workflow would.</summary>
    public void HandOff(HandoffKind kind, StepInfo? to, UnitCalendar calendar, Guid? assignee, DateTime at, Actor who, string action)
    {
        var timeliness = DossierSteps.StepTimeliness(dossier, at);
        Do(at, who, action, new { Step = to?.Order, Assignee = assignee, Timeliness = timeliness?.ToString() }, () =>
            dossier.HandOff(kind, to?.Order, to is null ? null : DossierSteps.StepDue(calendar, to, at), assignee, at, who.Id, who.Name, timeliness, null,
                to?.OfficePath));
    }
}
