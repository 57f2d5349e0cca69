using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Web.Workflow;

/// <summary>The inbox queries, shared by <c>/api/v1/inbox/{kind}</c> and the page <c>/backoffice/ho-so</c>.</summary>
internal static partial class ListInbox
{
    /// <summary>
    /// The first <paramref name="take"/> dossiers of the box narrowed by the selection, from the cursor on, in due-date order
    /// (the page and the API share it).
    /// </summary>
    /// <remarks>
    /// The office queue is read by the office of the current step (Dossier.StepOfficePath): an office of the unit, another
    /// agency a transfer went to, or the handling unit itself. A unit subtree is a path prefix, and a prefix scan of the
    /// office-queue index comes out in path order, not due order: PostgreSQL would fetch and sort the whole queue of the
    /// subtree for every page. So the office queue of each visible subtree is asked in parts, each cut to the page before
    /// they are merged: the unit's own dossiers (an equality on the path, which the index returns in due order) and, when
    /// the unit has units below it, theirs. A step's office is always a unit's path, so a unit without children has no
    /// dossier below it, and its queue is the one indexed query, which PostgreSQL plans once for the prepared statement. Whether a unit has
    /// children is read through the short-lived <see cref="IntakeCache"/>. Nested visible subtrees are dropped, so no row
    /// comes twice.
    /// </remarks>
    internal static async Task<List<Listed>> TopAsync(MotCuaDbContext db, IntakeCache cache, InboxKind box, CurrentActor actor, DateTime now,
        Selection selection, (DateTime Due, string Code)? cursor, int take, CancellationToken cancellationToken)
    {
        var dossiers = db.Dossiers.AsNoTracking();
        if (box != InboxKind.Office || actor.VisiblePaths is not { Count: > 0 } visible)
        {
            return await Page(Box(dossiers, box, actor, now), selection, cursor).Take(take).Select(Projection).ToListAsync(cancellationToken);
        }

        // Each part is projected before the union: an owned column (the owner's name) read through a union costs a join back.
        var parts = new List<IQueryable<Listed>>();
        foreach (var path in Outermost(visible))
        {
            var queue = OfficeQueue(Undecided(dossiers));
            parts.Add(Page(queue.Where(d => d.StepOfficePath == path), selection, cursor).Take(take).Select(Projection));
            if (await cache.GetAsync(("unit-has-children", path), () => db.Units.AnyAsync(u => u.Parent!.Path == path, cancellationToken)))
            {
                parts.Add(Page(queue.Where(d => d.StepOfficePath!.StartsWith(path) && d.StepOfficePath != path), selection, cursor).Take(take)
                    .Select(Projection));
            }
        }

        if (parts.Count == 1)
        {
            return await parts[0].ToListAsync(cancellationToken);
        }

        return await parts.Aggregate((all, part) => all.Concat(part)).OrderBy(d => d.DueAt).ThenBy(d => d.Code).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>What the page and the API read of a listed dossier.</summary>
    internal sealed class Listed
    {
        public Guid Id { get; init; }
        public string? Code { get; init; }
        public required string ProcedureCode { get; init; }
        public required string ProcedureName { get; init; }
        public required string Owner { get; init; }
        public DossierState State { get; init; }
        public DateTime? DueAt { get; init; }
        public int? CurrentStep { get; init; }
        public Guid? AssigneeId { get; init; }
        public int HandlingUnitId { get; init; }
        public required string HandlingUnitPath { get; init; }
        public string? TransferUnitPath { get; init; }
        public bool TransferAccepted { get; init; }
    }

    // The expressions without captured values are built once: the tree of a lambda written inline is built again on every call.
    private static readonly Expression<Func<Dossier, bool>> IsUndecided =
        d => d.DueAt != null && (d.State == DossierState.Received || d.State == DossierState.Processing);

    private static readonly Expression<Func<Dossier, bool>> IsWaiting =
        d => d.DueAt != null && (d.State == DossierState.AwaitingSupplement || d.State == DossierState.AwaitingPayment);

    private static readonly Expression<Func<Dossier, bool>> IsTransferred = d => d.TransferUnitPath != null;
    private static readonly Expression<Func<Dossier, bool>> IsInOfficeQueue = d => d.State == DossierState.Processing && d.AssigneeId == null;
    private static readonly Expression<Func<Dossier, DateTime?>> ByDue = d => d.DueAt;
    private static readonly Expression<Func<Dossier, string?>> ByCode = d => d.Code;

    private static readonly Expression<Func<Dossier, Listed>> Projection = d => new Listed
    {
        Id = d.Id,
        Code = d.Code,
        ProcedureCode = d.ProcedureCode,
        ProcedureName = d.ProcedureName,
        Owner = d.Owner.Name,
        State = d.State,
        DueAt = d.DueAt,
        CurrentStep = d.CurrentStep,
        AssigneeId = d.AssigneeId,
        HandlingUnitId = d.HandlingUnitId,
        HandlingUnitPath = d.HandlingUnitPath,
        TransferUnitPath = d.TransferUnitPath,
        TransferAccepted = d.TransferAccepted,
    };

    private static IQueryable<Dossier> Box(IQueryable<Dossier> dossiers, InboxKind box, CurrentActor actor, DateTime now)
    {
        var me = actor.UserId;
        var soon = now.AddDays(SoonDays);
        var undecided = Undecided(dossiers);
        return box switch
        {
            InboxKind.Mine => undecided.Where(d => d.AssigneeId == me),
            InboxKind.Office => UnitScope.WithinAny(OfficeQueue(undecided), actor.VisiblePaths, d => d.StepOfficePath!),
            InboxKind.Incoming => UnitScope.WithinAny(undecided.Where(IsTransferred), actor.VisiblePaths, d => d.TransferUnitPath!),
            InboxKind.DueSoon => Routing.Visible(undecided, actor).Where(d => d.DueAt >= now && d.DueAt <= soon),
            InboxKind.Overdue => Routing.Visible(undecided, actor).Where(d => d.DueAt < now),
            InboxKind.Waiting => Routing.Visible(dossiers.Where(IsWaiting), actor),
        };
    }

    private static IQueryable<Dossier> Undecided(IQueryable<Dossier> dossiers) => dossiers.Where(IsUndecided);

    private static IQueryable<Dossier> OfficeQueue(IQueryable<Dossier> undecided) => undecided.Where(IsInOfficeQueue);

    /// <summary>The paths not inside another of them (unit paths end with a slash, so a prefix is an ancestor).</summary>
    private static IEnumerable<string> Outermost(IReadOnlyList<string> paths) =>
        paths.Distinct(StringComparer.Ordinal)
            .Where(p => !paths.Any(q => q.Length < p.Length && p.StartsWith(q, StringComparison.Ordinal)));

    /// <summary>The box narrowed by the selection, from the cursor on, in due-date order.</summary>
    private static IQueryable<Dossier> Page(IQueryable<Dossier> query, Selection selection, (DateTime Due, string Code)? cursor)
    {
        if (!string.IsNullOrWhiteSpace(selection.Procedure))
        {
            var procedure = selection.Procedure.Trim();
            query = query.Where(d => d.ProcedureCode == procedure);
        }

        if (!string.IsNullOrWhiteSpace(selection.Domain))
        {
            var domain = selection.Domain.Trim();
            query = query.Where(d => d.DomainCode == domain);
        }

        if (selection.State is { } state)
        {
            query = query.Where(d => d.State == state);
        }

        if (selection.Channel is { } channel)
        {
            query = query.Where(d => d.Channel == channel);
        }

        if (selection.From is { } first)
        {
            var start = VietnamTime.FromLocal(first.ToDateTime(TimeOnly.MinValue)).UtcDateTime;
            query = query.Where(d => d.ReceivedAt >= start);
        }

        if (selection.To is { } last)
        {
            var end = VietnamTime.FromLocal(last.AddDays(1).ToDateTime(TimeOnly.MinValue)).UtcDateTime;
            query = query.Where(d => d.ReceivedAt < end);
        }

        if (cursor is { } c)
        {
            // The first bound repeats what the disjunction implies, so that the index scan starts at the cursor.
            query = query.Where(d => d.DueAt >= c.Due && (d.DueAt > c.Due || (d.DueAt == c.Due && string.Compare(d.Code, c.Code) > 0)));
        }

        return query.OrderBy(ByDue).ThenBy(ByCode);
    }
}
