using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>
/// <c>POST /api/v1/oversight/par-index/frameworks/{id}/copies</c>: next year's (or a past year's) index of the same province, starting from this
/// tree, for the kinds of unit given; the copy is edited from there, the original stays as it was.
/// </summary>
internal static class CopyParIndexFramework
{
    /// <param name="Subjects">The kinds of unit the copy ranks; the original's when empty.</param>
    /// <param name="Basis">The decision issuing the copy; the original's when empty.</param>
    public sealed record ParCopyRequest(int? Year, IReadOnlyList<string>? Subjects, string? Basis);

    public static async Task<Created<SaveParIndexFramework.ParFrameworkResponse>> Handle(int id, ParCopyRequest request, MotCuaDbContext db,
        CurrentActor actor, AuditTrail audit, TimeProvider clock, IStringLocalizer<ParIndexResource> text, CancellationToken cancellationToken)
    {
        var source = await db.ParIndexFrameworks.AsNoTracking().Include(f => f.Criteria).SingleOrDefaultAsync(f => f.Id == id, cancellationToken)
            ?? throw ProblemException.NotFound();
        var errors = new FieldErrors(text);
        if (request.Year is not (>= 2000 and <= 2100))
        {
            errors.Add("year", "ParIndex.BadYear");
        }

        var subjects = request.Subjects is { Count: > 0 } ? SaveParIndexFramework.Subjects(errors, request.Subjects) : [.. source.SubjectList];
        errors.MaxLength("basis", request.Basis, 500);
        errors.ThrowIfAny();
        var province = await SaveParIndexFramework.ProvinceAsync(db, actor, source.ProvinceCode, cancellationToken);

        var copies = new Dictionary<int, ParIndexCriterion>();
        foreach (var criterion in source.Criteria.OrderBy(c => c.Position))
        {
            copies[criterion.Id] = new ParIndexCriterion
            {
                Code = criterion.Code,
                Name = criterion.Name,
                MaxPoints = criterion.MaxPoints,
                Scoring = criterion.Scoring,
                Measure = criterion.Measure,
                Target = criterion.Target,
                Position = criterion.Position,
                Parent = criterion.ParentId is { } parent ? copies[parent] : null,
            };
        }

        var framework = new ParIndexFramework
        {
            ProvinceCode = source.ProvinceCode,
            Year = request.Year!.Value,
            Subjects = string.Join(',', subjects),
            Basis = string.IsNullOrWhiteSpace(request.Basis) ? source.Basis : request.Basis.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Criteria = [.. copies.Values],
        };
        db.ParIndexFrameworks.Add(framework);
        await SaveParIndexFramework.RecordCreatedAsync(db, actor, audit, framework, province.Path, "par-index.framework-copied", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/oversight/par-index/frameworks/{framework.Id}", SaveParIndexFramework.Describe(framework));
    }
}
