using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Platform.Localization;

namespace MotCua.Web.Catalog;

/// <summary>Shared reads and checks of the catalog's use cases.</summary>
internal static class CatalogQueries
{
    /// <summary>Versions in force on a date: issued (not drafts), and the date inside their validity.</summary>
    public static IQueryable<ProcedureVersion> ValidOn(IQueryable<ProcedureVersion> versions, DateOnly date) =>
        versions.Where(v => v.Status != VersionStatus.Draft && v.ValidFrom <= date && (v.ValidTo == null || v.ValidTo >= date));

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.ToVietnamTime().DateTime);

    /// <summary>A procedure with every version and its parts, tracked, ready to change.</summary>
    public static async Task<Procedure> LoadAsync(MotCuaDbContext db, string code, CancellationToken cancellationToken) =>
        await db.Procedures
            .Include(p => p.OwnerUnit)
            .Include(p => p.Versions).ThenInclude(v => v.Domain)
            .Include(p => p.Versions).ThenInclude(v => v.Components)
            .Include(p => p.Versions).ThenInclude(v => v.Times)
            .Include(p => p.Versions).ThenInclude(v => v.Fees)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Code == code, cancellationToken)
        ?? throw ProblemException.NotFound();

    /// <summary>The content of a procedure is managed by administrators of its owner unit (or above).</summary>
    public static void RequireOwner(CurrentActor actor, Procedure procedure)
    {
        if (!actor.Covers(procedure.OwnerUnit!.Path, StaffRole.UnitAdmin))
        {
            throw ProblemException.Forbidden();
        }
    }

    public static ProcedureVersion Version(Procedure procedure, int number) =>
        procedure.Versions.FirstOrDefault(v => v.Number == number) ?? throw ProblemException.NotFound();

    public static object Snapshot(ProcedureVersion v) =>
        new
        {
            v.Number,
            Status = v.Status.ToString(),
            v.ValidFrom,
            v.ValidTo,
            v.Name,
            Domain = v.Domain?.Code,
            Level = v.Level.ToString(),
            SupplementRule = v.SupplementRule.ToString(),
            v.PaymentTimeCounts,
        };
}

/// <summary>Gives catalog refusals a Vietnamese <c>detail</c> that says what to do, from CatalogResource.</summary>
internal sealed class CatalogProblems(IStringLocalizer<CatalogResource> localizer) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ProblemException problem) when (problem.Detail is null && Describe(localizer, problem) is { } detail)
        {
            throw new ProblemException(problem.Status, problem.Code, problem.TitleKey, detail, problem.Errors);
        }
    }

    public static string? Describe(IStringLocalizer<CatalogResource> localizer, ProblemException problem)
    {
        var text = localizer["Problem." + problem.Code];
        return text.ResourceNotFound ? null : text.Value;
    }
}
