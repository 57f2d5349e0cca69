using System.Text.RegularExpressions;

namespace MotCua.Web.Units;

internal static partial class UnitRules
{
    /// <summary>QCVN 102:2016 identifier of a body: three groups of digits and a letter-and-two-digit
    /// tier code, e.g. <c>000.00.12.H50</c> or <c>000.31.12.H50</c>. Codes are data: no province letter is
    /// hard-coded, because mergers change them.</summary>
    [GeneratedRegex(@"^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$")]
    public static partial Regex CodePattern();

    /// <summary>Follows successor links from a unit to the unit that carries it on at <paramref name="asOf"/>;
    /// reports roll merged units up into their successors this way.</summary>
    public static AdministrativeUnit RollUp(AdministrativeUnit unit, IReadOnlyDictionary<int, AdministrativeUnit> byId, DateOnly asOf)
    {
        var current = unit;
        var guard = 0;
        while (current.ValidTo is { } end && end < asOf && current.SuccessorId is { } next && byId.TryGetValue(next, out var successor) && guard++ < 32)
        {
            current = successor;
        }

        return current;
    }
}
