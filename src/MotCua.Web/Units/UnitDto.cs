namespace MotCua.Web.Units;

/// <summary>The public shape of a unit in the API, in exports and in imports.</summary>
internal sealed record UnitDto(
    string Code,
    string Name,
    UnitKind Kind,
    UnitLevel Level,
    string? ParentCode,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    string? SuccessorCode);

internal static class UnitProjection
{
    public static System.Linq.Expressions.Expression<Func<AdministrativeUnit, UnitDto>> ToDto =>
        u => new UnitDto(u.Code, u.Name, u.Kind, u.Level, u.Parent == null ? null : u.Parent.Code, u.ValidFrom, u.ValidTo,
            u.Successor == null ? null : u.Successor.Code);
}
