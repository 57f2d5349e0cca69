using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>
/// <c>PUT …/par-index/frameworks/{id}/units/{unitCode}/criteria/{code}/appraisal</c>: the Department of Home Affairs (a supervisor of the
/// province) sets the score of a self-assessed criterion, adjusting the unit's own, or of a criterion it scores alone (appraised, survey), with
/// a comment that the unit's lost-points report shows. Automatic criteria are measured, not appraised.
/// </summary>
internal static class AppraiseParCriterion
{
    /// <param name="Version">The score's version as read (0 before its first change).</param>
    public sealed record ParAppraisalRequest(decimal? Points, string? Comment, int? Version);

    public static async Task<Ok<SelfAssessParCriterion.ParScoreResponse>> Handle(int id, string unitCode, string code, ParAppraisalRequest request,
        ParIndexCards cards, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock, IStringLocalizer<ParIndexResource> text,
        CancellationToken cancellationToken)
    {
        var write = await ParScoreWrite.LoadAsync(cards, db, id, unitCode, code, request.Version, text, cancellationToken);
        var province = await SaveParIndexFramework.ProvinceAsync(db, actor, write.Framework.ProvinceCode, cancellationToken);
        if (write.Leaf.Scoring == ParScoring.Automatic)
        {
            throw ProblemException.Conflict("automatic-criterion", "ParIndex.Automatic");
        }

        var errors = new FieldErrors(text);
        ParScoreWrite.CheckPoints(errors, request.Points, write.Leaf);
        errors.Required("comment", request.Comment, 2000);
        errors.ThrowIfAny();

        var before = new { write.Score.SelfPoints, write.Score.AppraisedPoints, write.Score.AppraisalComment };
        write.Score.Appraise(request.Points!.Value, request.Comment!.Trim(), clock.GetUtcNow().UtcDateTime);
        await audit.RecordAsync(actor.ActingOn(province.Path, StaffRole.Supervisor), "par-index.appraised", nameof(ParIndexScore), write.StreamId, before,
            new { write.Score.SelfPoints, write.Score.AppraisedPoints, write.Score.AppraisalComment }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SelfAssessParCriterion.ParScoreResponse.Of(write));
    }
}
