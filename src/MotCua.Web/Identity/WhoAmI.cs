using Microsoft.AspNetCore.Http.HttpResults;

namespace MotCua.Web.Identity;

internal static class WhoAmI
{
    public sealed record Response(Guid? Id, string Name, IReadOnlyList<string> Roles);

    public static Ok<Response> Handle(CurrentActor actor) =>
        TypedResults.Ok(new Response(actor.UserId, actor.Name, actor.Roles.Select(r => r.Role + "@" + r.UnitCode).ToList()));
}
