using Microsoft.AspNetCore.Authorization;

namespace MotCua.Web.Identity;

/// <summary>Named authorization policies. Every endpoint and page names one (a test checks it).</summary>
internal static class Policies
{
    public const string Staff = nameof(Staff);
    public const string UnitAdmin = nameof(UnitAdmin);
    public const string Supervisor = nameof(Supervisor);
    public const string SystemAdmin = nameof(SystemAdmin);
    public const string Citizen = nameof(Citizen);
    public const string Operations = nameof(Operations);

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(Staff, p => p.RequireAuthenticatedUser().AddRequirements(new StaffRequirement([])));
        options.AddPolicy(UnitAdmin, p => p.RequireAuthenticatedUser().AddRequirements(new StaffRequirement([StaffRole.UnitAdmin, StaffRole.SystemAdmin])));
        options.AddPolicy(Supervisor, p => p.RequireAuthenticatedUser().AddRequirements(new StaffRequirement([StaffRole.Supervisor, StaffRole.SystemAdmin])));
        options.AddPolicy(SystemAdmin, p => p.RequireAuthenticatedUser().AddRequirements(new StaffRequirement([StaffRole.SystemAdmin])));
        options.AddPolicy(Citizen, p => p.RequireAuthenticatedUser().RequireClaim(MotCuaClaims.Kind, nameof(AccountKind.Citizen)));
        options.AddPolicy(Operations, p => p.AddRequirements(new OperationsRequirement()));
        // Defence in depth: an endpoint that forgot its policy still needs a signed-in user. An address that matches
        // no endpoint is not found, for everyone: asking to sign in first would hide the 404.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new SignedInRequirement()).Build();
    }
}

/// <summary>A staff account that passed the second factor and holds one of the roles (any role if empty).</summary>
internal sealed class StaffRequirement(StaffRole[] roles) : AuthorizationHandler<StaffRequirement>, IAuthorizationRequirement
{
    public StaffRole[] Roles { get; } = roles;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffRequirement requirement)
    {
        if (IsMet(context.User, requirement.Roles))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public static bool IsMet(System.Security.Claims.ClaimsPrincipal user, StaffRole[] roles)
    {
        var isStaff = user.HasClaim(MotCuaClaims.Kind, nameof(AccountKind.Staff));
        // ASP.NET Core Identity adds amr=mfa after a two-factor sign-in (OWASP ASVS 5.0 V6.3: staff need MFA).
        var passedMfa = user.HasClaim("amr", "mfa");
        var assignments = RoleClaim.All(user);
        return isStaff && passedMfa && (roles.Length == 0 ? assignments.Count > 0 : assignments.Any(a => roles.Contains(a.Role)));
    }
}

/// <summary>
/// A signed-in user, wherever one of the app's endpoints serves the request. What routing answers itself goes to anyone:
/// an address no endpoint serves (404), and a method or media type it rejects (405, 415), whose endpoints are plain
/// <see cref="Endpoint"/>s, not <see cref="RouteEndpoint"/>s. Otherwise a citizen posting the wrong media type to
/// the public tracking would be told to sign in.
/// </summary>
internal sealed class SignedInRequirement : AuthorizationHandler<SignedInRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SignedInRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true || (context.Resource is HttpContext { } http && http.GetEndpoint() is not RouteEndpoint))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The metrics endpoint: a system administrator, or a scraper presenting the token configured in
/// <c>MotCua:Metrics:ScraperToken</c> as <c>Authorization: Bearer …</c>. The caller's address proves nothing: behind
/// a proxy every request comes from the proxy's.</summary>
internal sealed class OperationsRequirement : AuthorizationHandler<OperationsRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationsRequirement requirement)
    {
        if ((context.Resource is HttpContext http && HoldsScraperToken(http))
            || (context.User.HasClaim("amr", "mfa") && RoleClaim.All(context.User).Any(a => a.Role == StaffRole.SystemAdmin)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private static bool HoldsScraperToken(HttpContext http)
    {
        var expected = http.RequestServices.GetRequiredService<IConfiguration>()["MotCua:Metrics:ScraperToken"];
        var presented = http.Request.Headers.Authorization.ToString();
        return expected is { Length: >= 16 } && presented.StartsWith("Bearer ", StringComparison.Ordinal)
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(presented[7..])),
                System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(expected)));
    }
}
