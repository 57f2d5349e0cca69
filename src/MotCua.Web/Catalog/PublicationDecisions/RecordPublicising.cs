using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Catalog.PublicationDecisions;

/// <summary>
/// <c>POST /api/v1/catalog/publication-decisions/{id}/publicised</c>: records the day the decision's procedures were publicised on the national
/// database, at the version the officer saw (409 if it changed, or if the day was already recorded).
/// </summary>
internal static class RecordPublicising
{
    public sealed record RecordPublicisingRequest(string? PublicisedOn, int? Version);

    public static async Task<Ok<ListPublicationDecisions.PublicationDecisionView>> Handle(int id, RecordPublicisingRequest request, MotCuaDbContext db,
        CurrentActor actor, AuditTrail audit, IWorkingCalendar calendars, IOptions<PublicationOptions> options, TimeProvider clock,
        IStringLocalizer<CatalogResource> text, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(text);
        var on = RecordPublicationDecision.Date(errors, "publicisedOn", request.PublicisedOn, true);
        if (request.Version is null)
        {
            errors.Add("version", "Validation.Required");
        }

        errors.ThrowIfAny();
        var decision = await db.PublicationDecisions.Include(d => d.Procedures).SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw ProblemException.NotFound();
        var procedureIds = decision.Procedures.Select(p => p.ProcedureId).ToList();
        var owners = await db.Procedures.AsNoTracking().Where(p => procedureIds.Contains(p.Id)).Select(p => p.OwnerUnit!.Path).Distinct()
            .ToListAsync(cancellationToken);
        if (owners.Any(path => !actor.Covers(path, StaffRole.UnitAdmin)))
        {
            throw ProblemException.Forbidden();
        }

        if (decision.Version != request.Version)
        {
            throw ProblemException.Conflict("decision-changed", "Problem.ConcurrentChange");
        }

        if (decision.Publicise(on!.Value) is { } broken)
        {
            if (broken.Code == "already-publicised")
            {
                throw ProblemException.Conflict(broken.Code, "Problem.Conflict");
            }

            errors.Add("publicisedOn", "Publication.PublicisedBeforeSigning").ThrowIfAny();
        }

        await audit.RecordAsync(actor.ActingOn(owners.MinBy(p => p.Length)!, StaffRole.UnitAdmin), "catalog.publication-decision.publicised",
            nameof(PublicationDecision), decision.Number, new { PublicisedOn = (DateOnly?)null }, new { decision.PublicisedOn }, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ProblemException.Conflict("decision-changed", "Problem.ConcurrentChange");
        }

        return TypedResults.Ok((await ListPublicationDecisions.ViewAsync(db, calendars, options.Value, clock, [decision], cancellationToken))[0]);
    }
}
