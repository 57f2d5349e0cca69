using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MotCua.Web.Identity;

namespace MotCua.Web.Partners;

/// <summary>The API groups a partner may be granted, as OAuth 2.0 scopes. A scope opens the operations marked with it
/// (<see cref="PartnerAccess.AllowPartners"/>), over the client's unit subtrees only. The public catalog
/// (<c>/api/v1/procedures</c>) is open to all and needs none.</summary>
internal static class PartnerScopes
{
    public const string DossiersRead = "dossiers.read";
    public const string ReportsRead = "reports.read";

    public static readonly string[] All = [DossiersRead, ReportsRead];
}

/// <summary>Marks an operation open to partners holding <paramref name="Scope"/>.</summary>
internal sealed record PartnerScope(string Scope);

internal static class PartnerAccess
{
    /// <summary>The bearer scheme of partner tokens, and the name of the OAuth 2.0 scheme in the API document.</summary>
    public const string Scheme = "partner";

    /// <summary>The claim kind of a partner principal (<see cref="MotCuaClaims.Kind"/>), recorded as its role.</summary>
    public const string Kind = "Partner";

    public const string ClientClaim = "motcua:client";
    public const string ScopeClaim = "scope";

    public static string Policy(string scope) => "partner:" + scope;

    /// <summary>Opens an operation to partners granted <paramref name="scope"/>, beside the staff who could already call it.</summary>
    public static TBuilder AllowPartners<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Policy(scope))
            .WithMetadata(new PartnerScope(scope),
                new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(ProblemDetails), ["application/problem+json"]));

    public static void Register(AuthorizationOptions options)
    {
        foreach (var scope in PartnerScopes.All)
        {
            options.AddPolicy(Policy(scope), p => p.RequireAuthenticatedUser().AddRequirements(new StaffOrPartnerRequirement(scope)));
        }
    }

    public static bool IsPartner(ClaimsPrincipal user) => user.HasClaim(MotCuaClaims.Kind, Kind);

    /// <summary>The scope that an operation needs of a partner, if it is open to partners.</summary>
    public static string? ScopeOf(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<PartnerScope>()?.Scope;
}

/// <summary>Any staff member (as <see cref="Policies.Staff"/>), or a partner granted the scope.</summary>
internal sealed class StaffOrPartnerRequirement(string scope) : AuthorizationHandler<StaffOrPartnerRequirement>, IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffOrPartnerRequirement requirement)
    {
        var user = context.User;
        if (PartnerAccess.IsPartner(user) ? user.HasClaim(PartnerAccess.ScopeClaim, requirement.Scope) : StaffRequirement.IsMet(user, []))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
