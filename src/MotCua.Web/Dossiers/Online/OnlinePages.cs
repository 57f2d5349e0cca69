using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers.Online;

/// <summary>What the online pages share: a refusal told in words, and times in Vietnam's zone.</summary>
internal static class OnlinePages
{
    public static IDictionary<string, string[]> Errors(IStringLocalizer localizer, ProblemException problem, string field = "—") =>
        problem.Errors ?? new Dictionary<string, string[]> { [field] = [Describe(localizer, problem)] };

    /// <summary>The refusal a use case answered with, told in its title.</summary>
    public static IDictionary<string, string[]> Errors(ProblemDetails refused, string field = "—") =>
        new Dictionary<string, string[]> { [field] = [refused.Title ?? ""] };

    /// <summary>The problem's title as the API would give it (an enum argument shown by its localised name).</summary>
    public static string Describe(IStringLocalizer localizer, ProblemException problem) =>
        localizer[problem.TitleKey, problem.TitleArguments.Select(a => a is Enum e ? (object)localizer[e.GetType().Name + "." + e].Value : a).ToArray()];

    public static string Time(DateTimeOffset? at) => at?.ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";
}
