namespace MotCua.Web.Units;

/// <summary>A unit's materialised path (<c>/000.00.00.H45/000.00.12.H45/</c>): its ancestors' codes, then its own.</summary>
internal static class UnitPath
{
    /// <summary>The unit code at the end of a path.</summary>
    public static string Code(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }
}
