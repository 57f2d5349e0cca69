using System.Linq.Expressions;

namespace MotCua.Web.Units;

/// <summary>Filters any query by unit subtree: rows whose unit path starts with one of the given paths.
/// Translates to <c>path LIKE 'prefix%' OR ...</c>, which uses the path index.</summary>
internal static class UnitScope
{
    private static readonly System.Reflection.MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;

    /// <param name="paths">The visible subtrees; null means no restriction.</param>
    public static IQueryable<T> Within<T>(IQueryable<T> query, Expression<Func<T, string>> path, IReadOnlyList<string>? paths)
    {
        if (paths is null)
        {
            return query;
        }

        Expression body = Expression.Constant(false);
        foreach (var prefix in paths)
        {
            var call = Expression.Call(path.Body, StartsWith, Expression.Constant(prefix));
            body = body is ConstantExpression ? call : Expression.OrElse(body, call);
        }

        return query.Where(Expression.Lambda<Func<T, bool>>(body, path.Parameters));
    }
}
