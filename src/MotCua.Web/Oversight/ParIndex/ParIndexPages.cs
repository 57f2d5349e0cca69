using Microsoft.EntityFrameworkCore;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Oversight.ParIndex;

/// <summary>What the ranking partial shows: the results, where each unit's card lives, and the years a reader may switch to.</summary>
internal sealed record ParRankingView(ParIndexFramework Framework, RankParIndex.ParResultsResponse Results, string CardBase, IReadOnlyList<int> Years);

/// <summary>Finds the year's index the ranking pages show.</summary>
internal static class ParIndexPages
{
    /// <summary>The province's index for the year (the latest when none is asked), among those <paramref name="publishedOnly"/> allows.</summary>
    public static async Task<(ParIndexFramework? Framework, IReadOnlyList<int> Years)> FindAsync(MotCuaDbContext db, ParIndexCards cards, string? province,
        int? year, bool publishedOnly, CancellationToken cancellationToken)
    {
        var frameworks = db.ParIndexFrameworks.AsNoTracking().Where(f => !publishedOnly || f.State == ParIndexState.Published);
        if (province is not null)
        {
            frameworks = frameworks.Where(f => f.ProvinceCode == province);
        }

        var found = await frameworks.OrderByDescending(f => f.Year).Select(f => new { f.Id, f.Year, f.ProvinceCode }).ToListAsync(cancellationToken);
        var chosen = found.FirstOrDefault(f => year is null || f.Year == year);
        var years = found.Where(f => chosen is null || f.ProvinceCode == chosen.ProvinceCode).Select(f => f.Year).ToList();
        return (chosen is null ? null : await cards.FrameworkAsync(chosen.Id, cancellationToken), years);
    }
}
