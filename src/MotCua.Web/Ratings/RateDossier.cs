using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Platform.Localization;

namespace MotCua.Web.Ratings;

/// <summary>
/// <c>POST /api/v1/ratings</c>: the citizen rates a finished (returned) dossier online, from "Hồ sơ của tôi" or from the
/// link in the return notice, proving it with the owner's account or the code and check value (<see cref="RatingProof"/>).
/// One rating per dossier; a new answer within the window replaces it. The counter tablet rates through the same
/// <see cref="Handler"/> (<see cref="CounterDesk"/>).
/// </summary>
internal static class RateDossier
{
    public sealed record Request(string? Code, string? Check, Dictionary<string, string>? Answers, string? Comment, string? Via);

    public sealed record Response(string Code, string Overall, int Points, int MaxPoints, string CriteriaVersion, int Changes, DateTimeOffset RatedAt,
        DateTimeOffset ChangeableUntil);

    public static async Task<Ok<Response>> Handle(Request request, Handler handler, MotCuaDbContext db, CurrentActor actor, HttpContext http,
        CancellationToken cancellationToken)
    {
        RatingProof.RefuseStaff(actor);
        var dossier = await RatingProof.ByCodeAsync(db, actor, request.Code, request.Check, cancellationToken);
        var channel = string.Equals(request.Via, "link", StringComparison.OrdinalIgnoreCase) ? RatingChannel.NoticeLink : RatingChannel.Online;
        return TypedResults.Ok(await handler.RateAsync(dossier, request.Answers, request.Comment, channel,
            ("address", http.Connection.RemoteIpAddress?.ToString()), null, actor.Self, cancellationToken));
    }

    internal sealed class Handler(MotCuaDbContext db, AuditTrail audit, TimeProvider clock, IOptions<RatingOptions> options, IStringLocalizer<SharedResource> localizer)
    {
        private RatingOptions Options => options.Value;

        /// <summary>Rates the dossier; <paramref name="officer"/> is who served the citizen when known (the counter), else who returned the result.</summary>
        public async Task<Response> RateAsync(RatedDossier dossier, Dictionary<string, string>? given, string? comment, RatingChannel channel,
            (string Kind, string? Value) device, Actor? officer, Actor rater, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var set = Options.InForce(DossierTime.VietnamDate(now));
            var answers = Validate(set, given, comment);
            if (dossier.State != DossierState.Returned)
            {
                throw new ProblemException(409, "rating-not-finished", "Ratings.NotFinished");
            }

            var rating = await db.Set<Rating>().Include(r => r.Answers).FirstOrDefaultAsync(r => r.DossierId == dossier.Id, cancellationToken);
            if (rating is not null && now >= rating.FirstRatedAt + Options.ChangeWindow)
            {
                throw new ProblemException(409, "rating-window-closed", "Ratings.WindowClosed");
            }

            if (rating is not null && now < rating.RatedAt + Options.PerDossierInterval)
            {
                throw new ProblemException(429, "rating-too-frequent", "Ratings.TooFrequent");
            }

            var before = rating is null ? null : new { rating.Overall, rating.Points, Answers = rating.Answers.ToDictionary(a => a.Criterion, a => a.Option) };
            if (rating is null)
            {
                officer ??= await ReturnedByAsync(dossier.Id, cancellationToken);
                rating = new Rating
                {
                    DossierId = dossier.Id,
                    DossierCode = dossier.Code,
                    UnitId = dossier.UnitId,
                    UnitPath = dossier.UnitPath,
                    ProcedureCode = dossier.ProcedureCode,
                    ProcedureName = dossier.ProcedureName,
                    OfficerId = officer?.Id,
                    OfficerName = officer?.Name,
                    FirstRatedAt = now,
                };
                db.Add(rating);
            }

            var source = RatingProof.Source(device.Kind, device.Value, Options.SourceKey);
            rating.Record(set, answers, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), channel, source, now);
            await FlagBurstsAsync(rating, now, cancellationToken);
            await audit.RecordAsync(rater, before is null ? "rating.given" : "rating.changed", nameof(Rating), rating.Id.ToString(), before,
                new { dossier.Code, rating.Overall, rating.Points, rating.Channel, Answers = answers.ToDictionary(a => a.Criterion, a => a.Option), rating.Flag },
                cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new Response(dossier.Code, rating.Overall.ToString(), rating.Points, rating.MaxPoints, rating.CriteriaVersion, rating.Changes,
                rating.RatedAt.ToVietnamTime(), (rating.FirstRatedAt + Options.ChangeWindow).ToVietnamTime());
        }

        private List<RatingAnswer> Validate(RatingCriteriaSet set, Dictionary<string, string>? given, string? comment)
        {
            var errors = new FieldErrors(localizer);
            var answers = new List<RatingAnswer>();
            given ??= [];
            foreach (var unknown in given.Keys.Where(k => set.Criteria.All(c => c.Key != k)))
            {
                errors.Add("answers." + unknown[..Math.Min(unknown.Length, 40)], "Ratings.UnknownCriterion");
            }

            foreach (var criterion in set.Criteria)
            {
                if (!given.TryGetValue(criterion.Key, out var key) || string.IsNullOrWhiteSpace(key))
                {
                    errors.Add("answers." + criterion.Key, "Ratings.AnswerRequired", criterion.Text);
                }
                else if (criterion.Options.FirstOrDefault(o => o.Key == key) is { } option)
                {
                    answers.Add(new RatingAnswer { Criterion = criterion.Key, Option = option.Key, Points = option.Points });
                }
                else
                {
                    errors.Add("answers." + criterion.Key, "Ratings.UnknownOption", criterion.Text);
                }
            }

            errors.MaxLength("comment", comment, 1000);
            errors.ThrowIfAny();
            return answers;
        }

        /// <summary>Marks made-up looking bursts for the supervisor: many ratings from one device or address, or many all-maximum ratings at one unit, within minutes.</summary>
        private async Task FlagBurstsAsync(Rating rating, DateTime now, CancellationToken cancellationToken)
        {
            var since = now - Options.BurstWindow;
            var sameSource = await db.Set<Rating>().Where(r => r.Source == rating.Source && r.RatedAt >= since && r.Id != rating.Id).ToListAsync(cancellationToken);
            if (sameSource.Count + 1 >= Options.BurstCount)
            {
                sameSource.Append(rating).ToList().ForEach(r => r.Raise(RatingFlag.OneDeviceBurst));
            }

            if (rating.AllMaximum)
            {
                var allMaximum = await db.Set<Rating>()
                    .Where(r => r.UnitId == rating.UnitId && r.RatedAt >= since && r.Id != rating.Id && r.Points == r.MaxPoints).ToListAsync(cancellationToken);
                if (allMaximum.Count + 1 >= Options.BurstCount)
                {
                    allMaximum.Append(rating).ToList().ForEach(r => r.Raise(RatingFlag.AllMaximumBurst));
                }
            }
        }

        /// <summary>The desk officer who handed the result back, from the dossier's history.</summary>
        private Task<Actor?> ReturnedByAsync(Guid dossierId, CancellationToken cancellationToken)
        {
            var stream = "Dossier:" + dossierId;
            return db.AuditEvents.AsNoTracking().Where(e => e.StreamId == stream && e.Action == "dossier.returned")
                .OrderByDescending(e => e.Sequence).Select(e => new Actor(e.ActorId, e.ActorName, e.ActorRole, e.ActorUnitCode)).FirstOrDefaultAsync(cancellationToken);
        }
    }
}
