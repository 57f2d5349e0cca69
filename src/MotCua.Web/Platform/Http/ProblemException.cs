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
    IDictionary<string, string[]>? errors = null,
    params object[] titleArguments) : Exception(code)
{
    /// <summary>Arguments of the title; an enum value is shown by its localised name (key <c>Type.Value</c>).</summary>
    public object[] TitleArguments { get; } = titleArguments;

    public int Status { get; } = status;
    public string Code { get; } = code;
    public string TitleKey { get; } = titleKey;
    public string? Detail { get; } = detail;
    public IDictionary<string, string[]>? Errors { get; } = errors;

    public static ProblemException NotFound(string titleKey = "Problem.NotFound") => new(404, "not-found", titleKey);

    public static ProblemException Conflict(string code, string titleKey, string? detail = null) => new(409, code, titleKey, detail);

    /// <summary>An action the current state does not allow; the title names the state.</summary>
    public static ProblemException IllegalState<TState>(TState state)
        where TState : struct, Enum => new(409, "illegal-transition", "Problem.IllegalTransition", null, null, state);

    public static ProblemException Forbidden() => new(403, "forbidden", "Problem.Forbidden");

    public static ProblemException Invalid(IDictionary<string, string[]> errors) => new(400, "validation", "Problem.Validation", errors: errors);
}
