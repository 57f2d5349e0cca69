using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Dossiers;

/// <summary>
/// A desk officer (or an integration client acting as one) receives a dossier at the counter or by
/// public post: it is pinned to the procedure version valid now, gets its legal code and its due date,
/// and form 01 can be printed. <c>POST /api/v1/dossiers</c>, and the counter page; an <c>Idempotency-Key</c>
/// header makes a retried or double submit create one dossier.
/// </summary>
internal static class ReceiveDossier
{
    public sealed record PostalInput(string? Waybill, DateTimeOffset? DeliveredAt, bool ReturnByPost);

    public sealed record Request(
        string? ProcedureCode,
        Channel? Channel,
        OwnerKind? OwnerKind,
        PartyInput? Owner,
        PartyInput? Submitter,
        string? Summary,
        int? Sets,
        IReadOnlyList<ComponentInput>? Components,
        string? DeskUnitCode,
        string? HandlingUnitCode,
        PostalInput? Postal);

    public sealed record Response(Guid Id, string Code, string State, int NationalState, DateTimeOffset ReceivedAt, DateTimeOffset DueAt,
        string TrackingSecret, string ReceivingUnitCode, string HandlingUnitCode, string ProcedureCode, int ProcedureVersion);

    public static async Task<Results<Created<Response>, Ok<Response>>> Handle(Request request, HttpContext http, Handler handler, CancellationToken cancellationToken)
    {
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        var (response, replayed) = await handler.ReceiveAsync(request, [], string.IsNullOrWhiteSpace(key) ? null : key.Trim(), cancellationToken);
        return replayed ? TypedResults.Ok(response) : TypedResults.Created($"/api/v1/dossiers/{response.Code}", response);
    }

    internal sealed class Handler(MotCuaDbContext db, CurrentActor actor, DossierDraft draft, IWorkingCalendar calendars, DossierCodes codes,
        DossierNotices notices, DossierCommit commit, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
    {
        public async Task<(Response Response, bool Replayed)> ReceiveAsync(Request request, IReadOnlyList<DossierFile> files, string? idempotencyKey,
            CancellationToken cancellationToken)
        {
            if (idempotencyKey is { Length: > 100 })
            {
                throw ProblemException.Invalid(new Dictionary<string, string[]> { ["Idempotency-Key"] = [localizer["Validation.TooLong", 100]] });
            }

            if (idempotencyKey is not null && await ReplayAsync(idempotencyKey, cancellationToken) is { } earlier)
            {
                return (earlier, true);
            }

            // Whole seconds: slips and the national portal carry times to the second (yyyyMMddHHmmss).
            var now = DossierTime.ToSecond(clock.GetUtcNow().UtcDateTime);
            var today = DossierTime.VietnamDate(now);
            var (dossier, pinned) = await draft.BuildAsync(request, files, now, today, cancellationToken);
            var receivedAt = dossier.Channel == Channel.Postal && request.Postal?.DeliveredAt is { } delivered ? DossierTime.ToSecond(delivered.UtcDateTime) : now;

            var due = await DossierTime.DueAsync(calendars, UnitPath.Code(dossier.HandlingUnitPath), receivedAt, pinned.TimeFor(dossier.Channel)!, cancellationToken);
            var who = actor.ActingOn(dossier.ReceivingUnitPath, StaffRole.DeskOfficer);

            // BEGIN with the code, one batch of inserts, COMMIT. The code is taken last because its counter row is shared by every
            // desk of the agency and stays locked until commit (DossierCodes.CommitAsync). No savepoint: a failure rolls back everything.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Database.AutoSavepointsEnabled = false;
            var code = await codes.NextAsync(UnitPath.Code(dossier.ReceivingUnitPath), today, cancellationToken);
            dossier.Receive(code, receivedAt, due).ThrowIfBroken();
            notices.Received(dossier);
            var received = new DossierEvent(who, "dossier.received", null, new
            {
                dossier.Code,
                dossier.ProcedureCode,
                ProcedureVersion = pinned.Number,
                Channel = dossier.Channel.ToString(),
                ReceivedAt = receivedAt,
                DueAt = due,
                ReceivingUnit = UnitPath.Code(dossier.ReceivingUnitPath),
                HandlingUnit = UnitPath.Code(dossier.HandlingUnitPath),
                dossier.PostalWaybill,
                dossier.SubmittedFromStaffSession,
                Files = files.Count,
            });
            IReadOnlyList<object> key = idempotencyKey is not null && actor.UserId is { } actorId
                ? [new IdempotencyRecord { ActorId = actorId, Key = idempotencyKey, DossierId = dossier.Id, CreatedAt = now }]
                : [];
            try
            {
                await commit.AddAsync(dossier, received, cancellationToken, key);
                await codes.CommitAsync(transaction, cancellationToken);
            }
            catch (DbUpdateException exception) when (idempotencyKey is not null && DatabaseModule.IsUniqueViolation(exception))
            {
                // The same key raced in from a second request: that one won; answer with its dossier.
                await transaction.RollbackAsync(cancellationToken);
                return (await ReplayAsync(idempotencyKey, cancellationToken) ?? throw ProblemException.Conflict("duplicate", "Problem.Duplicate"), true);
            }

            return (ToResponse(dossier, pinned.Number), false);
        }

        private async Task<Response?> ReplayAsync(string key, CancellationToken cancellationToken)
        {
            var actorId = actor.UserId;
            var dossierId = await db.Set<IdempotencyRecord>().AsNoTracking()
                .Where(r => r.ActorId == actorId && r.Key == key).Select(r => (Guid?)r.DossierId).FirstOrDefaultAsync(cancellationToken);
            if (dossierId is null)
            {
                return null;
            }

            var dossier = await db.Dossiers.AsNoTracking().FirstAsync(d => d.Id == dossierId, cancellationToken);
            var number = await db.ProcedureVersions.AsNoTracking().Where(v => v.Id == dossier.ProcedureVersionId).Select(v => v.Number).FirstAsync(cancellationToken);
            return ToResponse(dossier, number);
        }
    }

    public static Response ToResponse(Dossier dossier, int versionNumber) => new(
        dossier.Id,
        dossier.Code!,
        dossier.State.ToString(),
        dossier.State.NationalCode(),
        VietnamTime.FromUtc(dossier.ReceivedAt!.Value),
        VietnamTime.FromUtc(dossier.DueAt!.Value),
        dossier.TrackingSecret,
        UnitPath.Code(dossier.ReceivingUnitPath),
        UnitPath.Code(dossier.HandlingUnitPath),
        dossier.ProcedureCode,
        versionNumber);
}
