using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;
using MotCua.Web.Units;

namespace MotCua.Web.Catalog;

/// <summary><c>GET /api/v1/procedures/{code}</c>: the version in force today with everything public, the units
/// that provide it, and links to download its forms.</summary>
internal static class GetProcedure
{
    public sealed record Time(Channel Channel, int Amount, TimeUnit Unit, TimeOnly? SameDayCutoff);

    public sealed record Fee(FeeKind Kind, string Name, long Amount, string? Exemptions);

    public sealed record Component(int Order, string Name, int Originals, int CertifiedCopies, int Copies, string? FormFileName, string? FormUrl);

    public sealed record Provider(string Code, string Name);

    public sealed record Response(
        string Code, int Version, DateOnly ValidFrom, DateOnly? ValidTo, string Name, UnitLevel Level, string DomainCode, string DomainName,
        string Agency, string Steps, string Result, string Requirements, IReadOnlyList<string> LegalBasis, OnlineMode OnlineMode,
        bool PostalIntake, bool PostalReturn, IReadOnlyList<Time> Times, IReadOnlyList<Fee> Fees, IReadOnlyList<Component> Components,
        IReadOnlyList<Provider> Providers);

    public static async Task<Ok<Response>> Handle(string code, MotCuaDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await LoadAsync(db, code, CatalogQueries.Today(clock), cancellationToken) ?? throw ProblemException.NotFound());

    public static async Task<Response?> LoadAsync(MotCuaDbContext db, string code, DateOnly date, CancellationToken cancellationToken)
    {
        var v = await CatalogQueries.ValidOn(db.ProcedureVersions.AsNoTracking(), date)
            .Where(v => v.Procedure!.Code == code)
            .Select(v => new
            {
                v.ProcedureId,
                v.Number,
                v.ValidFrom,
                v.ValidTo,
                v.Name,
                v.Level,
                DomainCode = v.Domain!.Code,
                DomainName = v.Domain.Name,
                v.Agency,
                v.Steps,
                v.Result,
                v.Requirements,
                v.LegalBasis,
                v.OnlineMode,
                v.PostalIntake,
                v.PostalReturn,
                Times = v.Times.OrderBy(t => t.Id).Select(t => new Time(t.Channel, t.Amount, t.Unit, t.SameDayCutoff)).ToList(),
                Fees = v.Fees.OrderBy(f => f.Id).Select(f => new Fee(f.Kind, f.Name, f.Amount, f.Exemptions)).ToList(),
                Components = v.Components.OrderBy(c => c.Order)
                    .Select(c => new { c.Order, c.Name, c.Originals, c.CertifiedCopies, c.Copies, c.FormTemplateId, FileName = c.FormTemplate == null ? null : c.FormTemplate.FileName })
                    .ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (v is null)
        {
            return null;
        }

        var providers = await db.ProcedureProviders.AsNoTracking()
            .Where(p => p.ProcedureId == v.ProcedureId && p.Unit!.ValidFrom <= date && (p.Unit.ValidTo == null || p.Unit.ValidTo >= date))
            .OrderBy(p => p.Unit!.Code).Select(p => new Provider(p.Unit!.Code, p.Unit.Name))
            .ToListAsync(cancellationToken);
        return new Response(code, v.Number, v.ValidFrom!.Value, v.ValidTo, v.Name, v.Level, v.DomainCode, v.DomainName, v.Agency, v.Steps, v.Result,
            v.Requirements, v.LegalBasis.Split('\n', StringSplitOptions.RemoveEmptyEntries), v.OnlineMode, v.PostalIntake, v.PostalReturn,
            v.Times.OrderBy(t => t.Channel).ToList(), v.Fees,
            v.Components.Select(c => new Component(c.Order, c.Name, c.Originals, c.CertifiedCopies, c.Copies, c.FileName,
                c.FormTemplateId is { } id ? $"/api/v1/procedures/{Uri.EscapeDataString(code)}/forms/{id}" : null)).ToList(),
            providers);
    }
}
