using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Dossiers.Online;

/// <summary>
/// The desk checks an online submission (<c>POST /api/v1/online-dossiers/{id}/receive|ask-completion|refuse</c>, the page
/// /backoffice/truc-tuyen/{id}): it receives it (the code and the due date count from this moment), sends it back
/// to be completed, or refuses it. Each is load, act, save: the dossier's version is a concurrency token, so of two
/// officers acting at once one wins and the other gets 409, and a lost receipt gives its code number back.
/// </summary>
internal static class CheckOnline
{
    public sealed record ReasonRequest(string? Reason);

    public sealed record Response(Guid Id, string? Code, string State, int NationalState, DateTimeOffset? ReceivedAt, DateTimeOffset? DueAt, string? Reason);

    public static Task<Results<Ok<Response>, RuleConflict>> Receive(Guid id, Handler handler, CancellationToken cancellationToken) =>
        handler.ReceiveAsync(id, cancellationToken);

    public static Task<Results<Ok<Response>, RuleConflict>> AskCompletion(Guid id, ReasonRequest request, Handler handler, CancellationToken cancellationToken) =>
        handler.AskToCompleteAsync(id, request.Reason, cancellationToken);

    public static Task<Results<Ok<Response>, RuleConflict>> Refuse(Guid id, ReasonRequest request, Handler handler, CancellationToken cancellationToken) =>
        handler.RefuseAsync(id, request.Reason, cancellationToken);

    internal sealed class Handler(MotCuaDbContext db, CurrentActor actor, IWorkingCalendar calendars, DossierCodes codes, DossierCommit commit,
        DossierNotices notices, TimeProvider clock, IStringLocalizer<SharedResource> localizer, RuleProblems problems)
    {
        public async Task<Results<Ok<Response>, RuleConflict>> ReceiveAsync(Guid id, CancellationToken cancellationToken)
        {
            var dossier = await DeskDossierAsync(id, cancellationToken);
            if (dossier.State != DossierState.Submitted)
            {
                // Sent back for completion: the desk waits for the citizen's resubmission. Refused before a code is taken.
                return problems.Conflict(RuleBroken.IllegalTransition(dossier.State));
            }

            var times = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == dossier.ProcedureVersionId)
                .SelectMany(v => v.Times).Select(t => new GetProcedure.Time(t.Channel, t.Amount, t.Unit, t.SameDayCutoff)).ToListAsync(cancellationToken);
            var time = times.FirstOrDefault(t => t.Channel == Channel.Online) ?? times.First(t => t.Channel == Channel.Counter);
            var now = DossierTime.ToSecond(clock.GetUtcNow().UtcDateTime);

            var due = await DossierTime.DueAsync(calendars, UnitPath.Code(dossier.HandlingUnitPath), now, time, cancellationToken);

            // The agency's counter row stays locked until commit: take the code last (see DossierCodes).
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Database.AutoSavepointsEnabled = false;
            var code = await codes.NextAsync(UnitPath.Code(dossier.ReceivingUnitPath), DossierTime.VietnamDate(now), cancellationToken);
            dossier.Receive(code, now, due).ThrowIfBroken();
            notices.Received(dossier);
            await commit.SaveAsync(dossier, new DossierEvent(Desk(dossier), "dossier.received", new { State = nameof(DossierState.Submitted) }, new
            {
                dossier.Code,
                dossier.ProcedureCode,
                Channel = dossier.Channel.ToString(),
                ReceivedAt = now,
                DueAt = due,
                ReceivingUnit = UnitPath.Code(dossier.ReceivingUnitPath),
                HandlingUnit = UnitPath.Code(dossier.HandlingUnitPath),
            }), cancellationToken);
            await codes.CommitAsync(transaction, cancellationToken);
            return TypedResults.Ok(ToResponse(dossier));
        }

        public async Task<Results<Ok<Response>, RuleConflict>> AskToCompleteAsync(Guid id, string? reason, CancellationToken cancellationToken)
        {
            var text = RequireReason(reason);
            var dossier = await DeskDossierAsync(id, cancellationToken);
            var before = dossier.State.ToString();
            if (dossier.AskToComplete(text, clock.GetUtcNow().UtcDateTime) is { } broken)
            {
                return problems.Conflict(broken);
            }

            notices.CompletionRequested(dossier);
            await commit.SaveAsync(dossier, new DossierEvent(Desk(dossier), "dossier.completion-requested", new { State = before },
                new { State = dossier.State.ToString(), Reason = text }), cancellationToken);
            return TypedResults.Ok(ToResponse(dossier));
        }

        public async Task<Results<Ok<Response>, RuleConflict>> RefuseAsync(Guid id, string? reason, CancellationToken cancellationToken)
        {
            var text = RequireReason(reason);
            var dossier = await DeskDossierAsync(id, cancellationToken);
            var before = dossier.State.ToString();
            if (dossier.Refuse(text, clock.GetUtcNow().UtcDateTime) is { } broken)
            {
                return problems.Conflict(broken);
            }

            notices.Refused(dossier);
            await commit.SaveAsync(dossier, new DossierEvent(Desk(dossier), "dossier.refused", new { State = before },
                new { State = dossier.State.ToString(), Reason = text }), cancellationToken);
            return TypedResults.Ok(ToResponse(dossier));
        }

        /// <summary>An online dossier of a desk the officer covers: 404 outside the officer's units, 403 without the desk role there.</summary>
        private async Task<Dossier> DeskDossierAsync(Guid id, CancellationToken cancellationToken)
        {
            var dossier = await GetOnlineDossier.StaffDossierAsync(db, actor, id, tracked: true, cancellationToken);
            if (dossier.Channel != Channel.Online)
            {
                throw ProblemException.NotFound("Dossiers.NotFound");
            }

            if (!actor.Covers(dossier.ReceivingUnitPath, StaffRole.DeskOfficer))
            {
                throw ProblemException.Forbidden();
            }

            return dossier;
        }

        private Actor Desk(Dossier dossier) => actor.ActingOn(dossier.ReceivingUnitPath, StaffRole.DeskOfficer);

        private string RequireReason(string? reason)
        {
            var errors = new FieldErrors(localizer);
            errors.Required("reason", reason, 2000);
            errors.ThrowIfAny();
            return reason!.Trim();
        }

        private static Response ToResponse(Dossier dossier) => new(dossier.Id, dossier.Code, dossier.State.ToString(), dossier.State.NationalCode(),
            dossier.ReceivedAt is { } received ? VietnamTime.FromUtc(received) : null, dossier.DueAt is { } due ? VietnamTime.FromUtc(due) : null, dossier.Reason);
    }
}
