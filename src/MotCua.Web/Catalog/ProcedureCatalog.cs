using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Web.Catalog;

/// <summary>What intake and the deadline engine need from the catalog: the version a dossier is pinned to.</summary>
internal interface IProcedureCatalog
{
    /// <summary>The version in force on <paramref name="date"/> (published then, even if superseded or abolished since).</summary>
    Task<PinnedVersion?> GetVersionValidOnAsync(string code, DateOnly date, CancellationToken cancellationToken);

    /// <summary>Whether the unit provides the procedure and exists on that date.</summary>
    Task<bool> IsProvidedByAsync(string code, string unitCode, DateOnly date, CancellationToken cancellationToken);
}

internal sealed record PinnedVersion(
    int VersionId, string Code, int Number, string Name, UnitLevel Level, string DomainCode, string DomainName, OnlineMode OnlineMode, bool PostalIntake,
    DateOnly ValidFrom, DateOnly? ValidTo, IReadOnlyList<GetProcedure.Time> Times, IReadOnlyList<GetProcedure.Fee> Fees,
    IReadOnlyList<PinnedVersion.RequiredDocument> Components)
{
    public sealed record RequiredDocument(int Order, string Name, int Originals, int CertifiedCopies, int Copies);

    public GetProcedure.Time? TimeFor(Channel channel) =>
        Times.FirstOrDefault(t => t.Channel == channel) ?? Times.FirstOrDefault(t => t.Channel == Channel.Counter);
}

internal sealed class ProcedureCatalog(MotCuaDbContext db, IntakeCache cache) : IProcedureCatalog
{
    public Task<PinnedVersion?> GetVersionValidOnAsync(string code, DateOnly date, CancellationToken cancellationToken) =>
        cache.GetAsync((nameof(PinnedVersion), code, date), () => ReadVersionAsync(code, date, cancellationToken));

    private async Task<PinnedVersion?> ReadVersionAsync(string code, DateOnly date, CancellationToken cancellationToken) =>
        await CatalogQueries.ValidOn(db.ProcedureVersions.AsNoTracking(), date)
            .Where(v => v.Procedure!.Code == code)
            .Select(v => new PinnedVersion(v.Id, code, v.Number, v.Name, v.Level, v.Domain!.Code, v.Domain.Name, v.OnlineMode, v.PostalIntake, v.ValidFrom!.Value, v.ValidTo,
                v.Times.Select(t => new GetProcedure.Time(t.Channel, t.Amount, t.Unit, t.SameDayCutoff)).ToList(),
                v.Fees.Select(f => new GetProcedure.Fee(f.Kind, f.Name, f.Amount, f.Exemptions)).ToList(),
                v.Components.OrderBy(c => c.Order).Select(c => new PinnedVersion.RequiredDocument(c.Order, c.Name, c.Originals, c.CertifiedCopies, c.Copies)).ToList()))
            .FirstOrDefaultAsync(cancellationToken);

    public Task<bool> IsProvidedByAsync(string code, string unitCode, DateOnly date, CancellationToken cancellationToken) =>
        db.ProcedureProviders.AnyAsync(p => p.Procedure!.Code == code && p.Unit!.Code == unitCode
            && p.Unit.ValidFrom <= date && (p.Unit.ValidTo == null || p.Unit.ValidTo >= date), cancellationToken);
}
