using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Reporting;

namespace MotCua.Web.Oversight;

/// <summary>
/// <c>POST /api/v1/oversight/staff-evaluations</c>: a leader (or a supervisor above) grades an officer of their unit for a month or a year.
/// Once per officer and period: a second grade answers 409, and the history keeps who graded, in which role, when.
/// </summary>
internal static class RecordStaffEvaluation
{
    /// <param name="UserName">The officer's account.</param>
    /// <param name="Month">1–12 for a month; empty for the year.</param>
    /// <param name="Grade"><c>Excellent</c>, <c>Good</c>, <c>Completed</c> or <c>NotCompleted</c>.</param>
    public sealed record Request(string? UserName, int? Year, int? Month, string? Grade, string? Comment);

    public sealed record Response(long Id, string UserName, string UnitCode, int Year, int? Month, string Grade);

    public static async Task<Ok<Response>> Handle(Request request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit, TimeProvider clock,
        IStringLocalizer<OversightResource> text, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(text);
        errors.Required("userName", request.UserName, 256);
        var grade = ReportSelection.Parse<EvaluationGrade>(errors, "grade", request.Grade);
        if (string.IsNullOrWhiteSpace(request.Grade))
        {
            errors.Add("grade", "Validation.Required");
        }

        errors.MaxLength("comment", request.Comment, 1000);
        var today = DossierTime.VietnamDate(clock.GetUtcNow().UtcDateTime);
        var period = ScorePeriod.Parse(request.Year, request.Month, null, today, text);
        errors.ThrowIfAny();

        var officer = await db.Users.AsNoTracking().Where(u => u.UserName == request.UserName!.Trim())
            .Select(u => new { u.Id, u.UserName, Units = u.Roles.Select(r => new { r.UnitId, r.Unit!.Code, r.Unit.Path }).ToList() })
            .SingleOrDefaultAsync(cancellationToken) ?? throw ProblemException.NotFound();
        // The grade belongs to the unit of the officer's role that the grader leads (the deepest one when several qualify).
        var unit = officer.Units.Where(u => actor.Covers(u.Path, StaffRole.Leader, StaffRole.Supervisor)).OrderByDescending(u => u.Path.Length).FirstOrDefault()
            ?? throw ProblemException.Forbidden();
        if (officer.Id == actor.UserId)
        {
            throw ProblemException.Forbidden();
        }

        var evaluation = new StaffEvaluation
        {
            UserId = officer.Id,
            UnitId = unit.UnitId,
            Year = period.Year,
            Month = period.Month ?? 0,
            Grade = grade!.Value,
            Comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim(),
            EvaluatedById = actor.UserId!.Value,
            EvaluatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.StaffEvaluations.Add(evaluation);
        await audit.RecordAsync(actor.ActingOn(unit.Path, StaffRole.Leader, StaffRole.Supervisor), "staff.evaluated", "StaffEvaluation",
            $"{officer.Id}:{period.Year}:{period.Month ?? 0}", null,
            new { Officer = officer.UserName, Unit = unit.Code, period.Year, Month = period.Month, Grade = evaluation.Grade.ToString(), evaluation.Comment },
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new Response(evaluation.Id, officer.UserName!, unit.Code, evaluation.Year, period.Month, evaluation.Grade.ToString()));
    }
}
