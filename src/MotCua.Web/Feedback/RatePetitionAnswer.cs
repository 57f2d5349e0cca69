using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;
using MotCua.Web.Platform.Localization;

namespace MotCua.Web.Feedback;

/// <summary>A petition as its sender sees it on the portal.</summary>
internal sealed record MyPetition(string Reference, int Version, string State, DateTimeOffset ReceivedAt, DateTimeOffset? AnsweredAt, string? Answer,
    bool? Satisfied, bool RaisedAgain)
{
    public bool CanRate => State == nameof(PetitionState.Answered) && Satisfied is null;

    public static MyPetition Of(Petition p) => new(p.Reference, p.Version, p.State.ToString(), p.ReceivedAt.ToVietnamTime(), p.AnsweredAt?.ToVietnamTime(),
        p.Answer, p.SenderSatisfied, p.RaisedAgainById is not null);
}

/// <summary><c>GET /api/v1/me/petitions</c> and the page <c>/tai-khoan/phan-anh</c>: the petitions the signed-in citizen sent, newest first.</summary>
internal static class ListMyPetitions
{
    public static async Task<Ok<List<MyPetition>>> Handle(MotCuaDbContext db, CurrentActor actor, CancellationToken cancellationToken) =>
        TypedResults.Ok(await LoadAsync(db, actor, cancellationToken));

    public static async Task<List<MyPetition>> LoadAsync(MotCuaDbContext db, CurrentActor actor, CancellationToken cancellationToken)
    {
        var rows = await db.Petitions.AsNoTracking().Where(p => p.CitizenAccountId != null && p.CitizenAccountId == actor.UserId)
            .OrderByDescending(p => p.ReceivedAt).Take(200).ToListAsync(cancellationToken);
        return rows.Select(MyPetition.Of).ToList();
    }
}

/// <summary>
/// <c>POST /api/v1/me/petitions/{reference}/rating</c>: the sender, signed in with the account that sent the petition, rates the
/// answer "hài lòng" or "không hài lòng", once (Decision 766/QĐ-TTg annex 5.3 counts the answers not rated "not satisfied").
/// Someone else's petition: 404; not answered yet or already rated: 409; another change in between: 409.
/// </summary>
internal static class RatePetitionAnswer
{
    public sealed record Request(int? Version, bool? Satisfied);

    public static async Task<Ok<MyPetition>> Handle(string reference, Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        TypedResults.Ok(await RateAsync(reference, request, db, actor, audit, clock, localizer, cancellationToken));

    public static async Task<MyPetition> RateAsync(string reference, Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.FirstOrDefaultAsync(p => p.Reference == reference && p.CitizenAccountId != null && p.CitizenAccountId == actor.UserId,
            cancellationToken) ?? throw new ProblemException(404, "petition-not-found", "Petitions.NotFound");
        if (request.Satisfied is null)
        {
            new FieldErrors(localizer).Add("satisfied", "Petitions.RatingRequired").ThrowIfAny();
        }

        if (request.Version != petition.Version)
        {
            throw ProblemException.Conflict("concurrent-change", "Problem.ConcurrentChange");
        }

        if (petition.SenderSatisfied is not null)
        {
            throw ProblemException.Conflict("petition-already-rated", "Petitions.AlreadyRated");
        }

        if (!petition.Rate(request.Satisfied!.Value, clock.GetUtcNow().UtcDateTime))
        {
            throw ProblemException.Conflict("petition-not-answered", "Petitions.NotAnsweredYet");
        }

        await audit.RecordAsync(new Actor(actor.UserId, actor.Name, "Citizen", null), "petition.rated", nameof(Petition), petition.Id.ToString(), null,
            new { petition.Reference, Satisfied = petition.SenderSatisfied }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return MyPetition.Of(petition);
    }
}
