using Microsoft.EntityFrameworkCore;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Database;
using MotCua.Web.Units;

namespace MotCua.Web.Reporting;

/// <summary>
/// The unit field of the report pages. Staff type part of a name and pick one of the units they may see from the list
/// the page sends with the field (an HTML datalist, no script); the choice reads "name (code)" and the page takes the code
/// back from it. A bare code, or a name that only one of those units bears, is understood as well.
/// </summary>
internal sealed class UnitPicker
{
    public sealed record Option(string Code, string Name, bool Closed)
    {
        public string Text => $"{Name} ({Code})";
    }

    private UnitPicker(IReadOnlyList<Option> options) => Options = options;

    /// <summary>The units the actor may see, in tree order, closed ones included: reports look back at them.</summary>
    public IReadOnlyList<Option> Options { get; }

    public static async Task<UnitPicker> LoadAsync(MotCuaDbContext db, CurrentActor actor, CancellationToken cancellationToken)
    {
        var units = await UnitScope.Within(db.Units.AsNoTracking(), u => u.Path, actor.VisiblePaths)
            .Select(u => new { u.Path, Option = new Option(u.Code, u.Name, u.ValidTo != null) })
            .ToListAsync(cancellationToken);
        return new UnitPicker(units.OrderBy(u => u.Path, StringComparer.Ordinal).Select(u => u.Option).ToList());
    }

    /// <summary>The code the typed text stands for, or the text itself when it names no visible unit (the report then says so).</summary>
    public string? CodeOf(string? typed)
    {
        var text = typed?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.EndsWith(')') && text.LastIndexOf('(') is var open and >= 0 && Options.FirstOrDefault(o => o.Code == text[(open + 1)..^1]) is { } chosen)
        {
            return chosen.Code;
        }

        if (Options.Any(o => o.Code == text))
        {
            return text;
        }

        var wanted = SearchTerms.Normalize(text);
        var named = Options.Where(o => SearchTerms.Normalize(o.Name) == wanted).ToList();
        if (named.Count == 0)
        {
            named = Options.Where(o => SearchTerms.Normalize(o.Name).Contains(wanted, StringComparison.Ordinal)).ToList();
        }

        return named.Count == 1 ? named[0].Code : text;
    }

    /// <summary>What the field shows for a code: the unit's name and code, or what was typed.</summary>
    public string? TextOf(string? code) => Options.FirstOrDefault(o => o.Code == code)?.Text ?? code;
}
