using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Audit;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>
/// <c>POST /api/v1/oversight/par-index/frameworks</c>: a province's reform index for a year, as the tree its decision issues (areas → criteria
/// → sub-criteria), by a supervisor of the province (the Department of Home Affairs). <c>GET …/frameworks/{id}</c> reads it back. The tree
/// must add up: each node's maximum is the sum of its children's, the areas sum to 100, each leaf names its scoring method.
/// </summary>
internal static class SaveParIndexFramework
{
    /// <param name="Scoring"><c>Automatic</c>, <c>SelfAssessed</c>, <c>Appraised</c> or <c>Survey</c>; leaves only.</param>
    /// <param name="Measure">For an automatic leaf: <c>OnTimeRate</c>, <c>ResultsAttached</c>, <c>OnlineShare</c>, <c>PostalShare</c>,
    /// <c>FeedbackOnTime</c>, <c>Satisfaction</c>, <c>SignedResults</c>, <c>DeskExcellentShare</c> or <c>CorrectionsOnTime</c>.</param>
    /// <param name="Target">For an automatic leaf: the rate that earns full points, above 0 and at most 1 (0.3 = 30%).</param>
    public sealed record ParCriterionInput(string? Code, string? Name, decimal? MaxPoints, string? Scoring, string? Measure, decimal? Target,
        IReadOnlyList<ParCriterionInput>? Children);

    /// <param name="Subjects">The kinds of unit ranked: <c>Department</c>, <c>District</c>, <c>Commune</c>.</param>
    public sealed record ParFrameworkRequest(string? ProvinceCode, int? Year, IReadOnlyList<string>? Subjects, string? Basis, IReadOnlyList<ParCriterionInput>? Areas);

    public sealed record ParCriterionNode(string Code, string Name, decimal MaxPoints, string? Scoring, string? Measure, decimal? Target,
        IReadOnlyList<ParCriterionNode> Children);

    public sealed record ParFrameworkResponse(int Id, string ProvinceCode, int Year, IReadOnlyList<string> Subjects, string Basis, string State, int Version,
        decimal MaxPoints, IReadOnlyList<ParCriterionNode> Areas);

    public static async Task<Created<ParFrameworkResponse>> Create(ParFrameworkRequest request, MotCuaDbContext db, CurrentActor actor, AuditTrail audit,
        TimeProvider clock, IStringLocalizer<ParIndexResource> text, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(text);
        errors.Required("provinceCode", request.ProvinceCode, 40);
        if (request.Year is not (>= 2000 and <= 2100))
        {
            errors.Add("year", "ParIndex.BadYear");
        }

        var subjects = Subjects(errors, request.Subjects);
        errors.Required("basis", request.Basis, 500);
        var criteria = new List<ParIndexCriterion>();
        if (request.Areas is not { Count: > 0 })
        {
            errors.Add("areas", "Validation.Required");
        }
        else
        {
            var position = 0;
            for (var i = 0; i < request.Areas.Count; i++)
            {
                Build(request.Areas[i], $"areas[{i}]", null, criteria, ref position, errors);
            }

            if (criteria.Where(c => c.Parent is null).Sum(c => c.MaxPoints) != 100m)
            {
                errors.Add("areas", "ParIndex.NotHundred");
            }

            foreach (var duplicate in criteria.GroupBy(c => c.Code).Where(g => g.Count() > 1))
            {
                errors.Add("areas", "ParIndex.DuplicateCode", duplicate.Key);
            }
        }

        errors.ThrowIfAny();
        var province = await ProvinceAsync(db, actor, request.ProvinceCode!.Trim(), cancellationToken);
        var framework = new ParIndexFramework
        {
            ProvinceCode = province.Code,
            Year = request.Year!.Value,
            Subjects = string.Join(',', subjects),
            Basis = request.Basis!.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Criteria = criteria,
        };
        db.ParIndexFrameworks.Add(framework);
        await RecordCreatedAsync(db, actor, audit, framework, province.Path, "par-index.framework-created", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/oversight/par-index/frameworks/{framework.Id}", Describe(framework));
    }

    public static async Task<Ok<ParFrameworkResponse>> Get(int id, ParIndexCards cards, CancellationToken cancellationToken) =>
        TypedResults.Ok(Describe(await cards.FrameworkAsync(id, cancellationToken)));

    /// <summary>The province unit, which the actor must supervise (or administer the system).</summary>
    public static async Task<(string Code, string Path)> ProvinceAsync(MotCuaDbContext db, CurrentActor actor, string code, CancellationToken cancellationToken)
    {
        var province = await db.Units.AsNoTracking().Where(u => u.Code == code && u.Kind == UnitKind.Province).Select(u => new { u.Code, u.Path })
            .SingleOrDefaultAsync(cancellationToken) ?? throw ProblemException.NotFound("Units.NotFound");
        if (!actor.Covers(province.Path, StaffRole.Supervisor))
        {
            throw ProblemException.Forbidden();
        }

        return (province.Code, province.Path);
    }

    public static async Task RecordCreatedAsync(MotCuaDbContext db, CurrentActor actor, AuditTrail audit, ParIndexFramework framework, string provincePath,
        string action, CancellationToken cancellationToken)
    {
        // A year is one index per province: asked twice, the second is a conflict, not a second tree.
        if (await db.ParIndexFrameworks.AnyAsync(f => f.ProvinceCode == framework.ProvinceCode && f.Year == framework.Year, cancellationToken))
        {
            throw ProblemException.Conflict("duplicate", "Problem.Duplicate");
        }

        await audit.RecordAsync(actor.ActingOn(provincePath, StaffRole.Supervisor), action, nameof(ParIndexFramework),
            $"{framework.ProvinceCode}:{framework.Year}", null,
            new { framework.ProvinceCode, framework.Year, framework.Subjects, framework.Basis, Criteria = framework.Criteria.Count },
            cancellationToken);
    }

    public static List<ParSubject> Subjects(FieldErrors errors, IReadOnlyList<string>? names)
    {
        var subjects = new List<ParSubject>();
        if (names is not { Count: > 0 })
        {
            errors.Add("subjects", "Validation.Required");
            return subjects;
        }

        foreach (var name in names)
        {
            if (Enum.TryParse<ParSubject>(name, ignoreCase: false, out var subject) && Enum.IsDefined(subject))
            {
                subjects.Add(subject);
            }
            else
            {
                errors.Add("subjects", "ParIndex.BadSubject", name);
            }
        }

        return [.. subjects.Distinct()];
    }

    private static void Build(ParCriterionInput? input, string field, ParIndexCriterion? parent, List<ParIndexCriterion> criteria, ref int position,
        FieldErrors errors)
    {
        if (input is null)
        {
            errors.Add(field, "Validation.Required");
            return;
        }

        errors.Required(field + ".code", input.Code, 20);
        errors.Required(field + ".name", input.Name, 500);
        if (input.MaxPoints is not (> 0 and <= 100))
        {
            errors.Add(field + ".maxPoints", "ParIndex.BadMax");
        }

        var children = input.Children ?? [];
        ParScoring? scoring = null;
        ParMeasure? measure = null;
        if (children.Count > 0)
        {
            if (input.Scoring is not null || input.Measure is not null)
            {
                errors.Add(field + ".scoring", "ParIndex.ScoringOnLeaves");
            }

            // Each maximum is checked to lie within 0–100 before it is added up, so no sum can overflow.
            if (children.Sum(c => Points(c?.MaxPoints)) != input.MaxPoints)
            {
                errors.Add(field + ".maxPoints", "ParIndex.ChildrenSum");
            }
        }
        else
        {
            scoring = Parse<ParScoring>(errors, field + ".scoring", input.Scoring, required: true);
            measure = Parse<ParMeasure>(errors, field + ".measure", input.Measure, required: scoring == ParScoring.Automatic);
            if (scoring != ParScoring.Automatic && input.Measure is not null)
            {
                errors.Add(field + ".measure", "ParIndex.MeasureOnAutomatic");
            }

            if (scoring == ParScoring.Automatic && input.Target is not (> 0 and <= 1))
            {
                errors.Add(field + ".target", "ParIndex.BadTarget");
            }
        }

        var node = new ParIndexCriterion
        {
            Code = input.Code?.Trim() ?? "",
            Name = input.Name?.Trim() ?? "",
            MaxPoints = Points(input.MaxPoints),
            Scoring = scoring,
            Measure = measure,
            Target = scoring == ParScoring.Automatic ? input.Target : null,
            Parent = parent,
            Position = position++,
        };
        criteria.Add(node);
        for (var i = 0; i < children.Count; i++)
        {
            Build(children[i], $"{field}.children[{i}]", node, criteria, ref position, errors);
        }
    }

    private static decimal Points(decimal? maxPoints) => maxPoints is > 0 and <= 100 ? maxPoints.Value : 0;

    private static T? Parse<T>(FieldErrors errors, string field, string? value, bool required)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, "Validation.Required");
            }

            return null;
        }

        if (Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        errors.Add(field, "ParIndex.BadValue", value);
        return null;
    }

    /// <summary>The stored tree (read, or saved in this request: ids and parent ids are set either way).</summary>
    public static ParFrameworkResponse Describe(ParIndexFramework framework)
    {
        var children = framework.Criteria.ToLookup(c => c.ParentId);
        IReadOnlyList<ParCriterionNode> Nodes(int? parent) =>
        [
            .. children[parent].OrderBy(c => c.Position)
                .Select(c => new ParCriterionNode(c.Code, c.Name, c.MaxPoints, c.Scoring?.ToString(), c.Measure?.ToString(), c.Target, Nodes(c.Id))),
        ];
        var areas = Nodes(null);
        return new ParFrameworkResponse(framework.Id, framework.ProvinceCode, framework.Year, [.. framework.SubjectList.Select(s => s.ToString())],
            framework.Basis, framework.State.ToString(), framework.Version, areas.Sum(a => a.MaxPoints), areas);
    }
}
