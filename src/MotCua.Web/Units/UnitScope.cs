using System.Linq.Expressions;

namespace MotCua.Web.Units;

/// <summary>Filters any query by unit subtree: rows whose unit path starts with one of the given paths.
/// Translates to <c>path LIKE 'prefix%' OR ...</c>, which uses the path index.</summary>
internal static class UnitScope
{
    private static readonly System.Reflection.MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;

    /// <param name="paths">The visible subtrees; null means no restriction.</param>
    public static IQueryable<T> Within<T>(IQueryable<T> query, Expression<Func<T, string>> path, IReadOnlyList<string>? paths) =>
        WithinAny(query, paths, path);

    /// <summary>Rows where any of the given unit paths (e.g. the receiving or the handling unit) is visible.</summary>
    public static IQueryable<T> WithinAny<T>(IQueryable<T> query, IReadOnlyList<string>? paths, params Expression<Func<T, string>>[] selectors) =>
        WithinAnyOr(query, paths, null, selectors);

    /// <summary>As <see cref="WithinAny"/>, and also the rows that <paramref name="alsoVisible"/> admits (e.g. assigned to the caller).</summary>
    public static IQueryable<T> WithinAnyOr<T>(IQueryable<T> query, IReadOnlyList<string>? paths, Expression<Func<T, bool>>? alsoVisible,
        params Expression<Func<T, string>>[] selectors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(selectors);
        if (paths is null)
        {
            return query;
        }

        var parameter = Expression.Parameter(typeof(T), "row");
        Expression body = alsoVisible is null ? Expression.Constant(false) : new Rebind(alsoVisible.Parameters[0], parameter).Visit(alsoVisible.Body);
        foreach (var selector in selectors)
        {
            var member = new Rebind(selector.Parameters[0], parameter).Visit(selector.Body);
            foreach (var prefix in paths)
            {
                var call = Expression.Call(member, StartsWith, Expression.Constant(prefix));
                body = body is ConstantExpression ? call : Expression.OrElse(body, call);
            }
        }

        return query.Where(Expression.Lambda<Func<T, bool>>(body, parameter));
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
