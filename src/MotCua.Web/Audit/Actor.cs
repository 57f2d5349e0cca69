namespace MotCua.Web.Audit;

/// <summary>Who acts: the account, the role it acts in, and the unit of that role.</summary>
internal sealed record Actor(Guid? Id, string Name, string? Role, string? UnitCode)
{
    public static readonly Actor System = new(null, "system", "System", null);
}
