namespace MotCua.Web.Platform.Http;

/// <summary>
/// A refusal that reaches the client as RFC 9457 ProblemDetails. <paramref name="Code"/> is the stable
/// machine code (it becomes the <c>type</c>); <paramref name="TitleKey"/> names the Vietnamese title
/// in SharedResource.resx.
/// </summary>
internal sealed class ProblemException(
    int status,
    string code,
    string titleKey,
    string? detail = null,
    IDictionary<string, string[]>? errors = null) : Exception(code)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string TitleKey { get; } = titleKey;
    public string? Detail { get; } = detail;
    public IDictionary<string, string[]>? Errors { get; } = errors;

    public static ProblemException NotFound(string titleKey = "Problem.NotFound") => new(404, "not-found", titleKey);

    public static ProblemException Conflict(string code, string titleKey, string? detail = null) => new(409, code, titleKey, detail);

    public static ProblemException Forbidden() => new(403, "forbidden", "Problem.Forbidden");

    public static ProblemException Invalid(IDictionary<string, string[]> errors) => new(400, "validation", "Problem.Validation", errors: errors);
}
