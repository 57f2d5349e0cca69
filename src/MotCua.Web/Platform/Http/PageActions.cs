using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MotCua.Web.Platform.Database;

namespace MotCua.Web.Platform.Http;

/// <summary>Runs the use case behind a back-office form and turns its problem into the lines the page lists.</summary>
internal static class PageActions
{
    /// <summary>
    /// Null when the use case succeeded; otherwise its problem's status, with one line per field message (after the
    /// field's label when <paramref name="label"/> is given) or the problem's detail added to <paramref name="errors"/>.
    /// A writer that lost a race (the row's version, or a row inserted first) is a 409 asking to reload, as the API answers it.
    /// </summary>
    public static async Task<int?> RunAsync(Func<Task> action, List<string> errors, IStringLocalizer shared, Func<string, string>? label = null)
    {
        try
        {
            await action();
            return null;
        }
        catch (ProblemException problem)
        {
            errors.AddRange(problem.Errors?.SelectMany(e => e.Value.Select(message => label is null ? message : label(e.Key) + ": " + message))
                ?? [problem.Detail ?? shared[problem.TitleKey]]);
            return problem.Status;
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || DatabaseModule.IsUniqueViolation(exception))
        {
            errors.Add(shared["Problem.ConcurrentChange"]);
            return StatusCodes.Status409Conflict;
        }
    }
}
