using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace MotCua.Web.Identity;

/// <summary><c>POST /api/v1/auth/logout</c>: ends the session on the server, not only in the browser.</summary>
internal static class SignOut
{
    public static async Task<NoContent> Handle(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }
}
