using Microsoft.Extensions.Localization;

namespace MotCua.Web.Platform.Http;

/// <summary>Collects per-field validation messages (Vietnamese first) and throws one 400 ProblemDetails.</summary>
internal sealed class FieldErrors(IStringLocalizer localizer)
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public FieldErrors Add(string field, string messageKey, params object[] arguments)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(localizer[messageKey, arguments]);
        return this;
    }

    public bool Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "Validation.Required");
            return false;
        }

        return MaxLength(field, value, maxLength);
    }

    public bool MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, "Validation.TooLong", maxLength);
            return false;
        }

        return true;
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw ProblemException.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
