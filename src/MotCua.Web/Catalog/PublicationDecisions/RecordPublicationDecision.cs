using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Dossiers;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Catalog.PublicationDecisions;

/// <summary>
/// <c>POST /api/v1/catalog/publication-decisions</c>: records a decision announcing procedures, by an administrator of the unit that owns the
/// announced procedures in the catalog (the province publishes it). Dates are yyyy-MM-dd; a number already recorded answers 409. The back-office
/// page posts its form here too.
/// </summary>
internal static class RecordPublicationDecision
{
    public sealed record RecordPublicationDecisionRequest(string? Number, string? Title, string? SignedOn, string? EffectiveOn, string? PublicisedOn,
        IReadOnlyList<string>? ProcedureCodes);

    public static async Task<Created<ListPublicationDecisions.PublicationDecisionView>> Handle(RecordPublicationDecisionRequest request, MotCuaDbContext db,
        CurrentActor actor, AuditTrail audit, IWorkingCalendar calendars, IOptions<PublicationOptions> options, TimeProvider clock,
        IStringLocalizer<CatalogResource> text, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors(text);
        errors.Required("number", request.Number, 60);
        errors.Required("title", request.Title, 1000);
        var signedOn = Date(errors, "signedOn", request.SignedOn, true);
        var effectiveOn = Date(errors, "effectiveOn", request.EffectiveOn, true);
        var publicisedOn = Date(errors, "publicisedOn", request.PublicisedOn, false);
        if (signedOn is { } signed && publicisedOn < signed)
        {
            errors.Add("publicisedOn", "Publication.PublicisedBeforeSigning");
        }

        var codes = (request.ProcedureCodes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToList();
        if (codes.Count == 0)
        {
            errors.Add("procedureCodes", "Validation.Required");
        }

        errors.ThrowIfAny();
        var procedures = await db.Procedures.AsNoTracking().Where(p => codes.Contains(p.Code))
            .Select(p => new { p.Id, p.Code, OwnerPath = p.OwnerUnit!.Path }).ToListAsync(cancellationToken);
        if (procedures.Count != codes.Count)
        {
            errors.Add("procedureCodes", "Publication.UnknownProcedures", string.Join(", ", codes.Except(procedures.Select(p => p.Code))));
            errors.ThrowIfAny();
        }

        var owner = procedures.Select(p => p.OwnerPath).MinBy(p => p.Length)!;
        if (procedures.Any(p => !actor.Covers(p.OwnerPath, StaffRole.UnitAdmin)))
        {
            throw ProblemException.Forbidden();
        }

        var number = request.Number!.Trim();
        if (await db.PublicationDecisions.AnyAsync(d => d.Number == number, cancellationToken))
        {
            throw ProblemException.Conflict("decision-exists", "Problem.Duplicate");
        }

        var decision = new PublicationDecision
        {
            Number = number,
            Title = request.Title!.Trim(),
            SignedOn = signedOn!.Value,
            EffectiveOn = effectiveOn!.Value,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
            Procedures = [.. procedures.Select(p => new PublicationDecisionProcedure { ProcedureId = p.Id })],
        };
        if (publicisedOn is { } on)
        {
            decision.Publicise(on).ThrowIfBroken();
        }

        db.PublicationDecisions.Add(decision);
        await audit.RecordAsync(actor.ActingOn(owner, StaffRole.UnitAdmin), "catalog.publication-decision.recorded", nameof(PublicationDecision), number,
            null, new
            {
                decision.Number,
                decision.Title,
                decision.SignedOn,
                decision.EffectiveOn,
                decision.PublicisedOn,
                Procedures = procedures.Select(p => p.Code).Order(StringComparer.Ordinal),
            }, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseModule.IsUniqueViolation(exception))
        {
            // Two officers recorded the same number at once: the other one won.
            throw ProblemException.Conflict("decision-exists", "Problem.Duplicate");
        }

        var view = (await ListPublicationDecisions.ViewAsync(db, calendars, options.Value, clock, [decision], cancellationToken))[0];
        return TypedResults.Created($"/api/v1/catalog/publication-decisions/{decision.Id}", view);
    }

    /// <summary>A yyyy-MM-dd date, or a Vietnamese field error.</summary>
    internal static DateOnly? Date(FieldErrors errors, string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, "Validation.Required");
            }

            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, "Validation.BadDate");
        return null;
    }
}
