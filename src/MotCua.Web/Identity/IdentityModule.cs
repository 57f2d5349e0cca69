using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using MotCua.Web.Platform.Database;
using MotCua.Web.Platform.Http;

namespace MotCua.Web.Identity;

internal static class IdentityModule
{
    /// <summary>The session cookie of staff and citizens, which the API's security scheme names.</summary>
    public const string SessionCookie = "motcua.session";

    public static WebApplicationBuilder AddIdentityModule(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeFolder("/BackOffice", Policies.Staff));
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddSingleton(builder.Configuration.GetSection(SessionOptions.Section).Get<SessionOptions>() ?? new SessionOptions());
        services.AddSingleton<DbXmlRepository>();
        services.AddDataProtection().SetApplicationName("MotCua");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = sp.GetRequiredService<DbXmlRepository>()));

        services.AddIdentityCore<AppUser>(options =>
            {
                options.Password.RequiredLength = PasswordRules.CitizenMinimum;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                // OWASP ASVS 5.0 V6.3.1: lock after 5 failed attempts.
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<MotCuaDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticator>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<ClaimsFactory>()
            .AddPasswordValidator<PasswordRules>();

        services.AddSingleton<DbTicketStore>();
        services.AddSingleton<IPostConfigureOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, ConfigureSessionStore>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = SessionCookie;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(15);
            options.SlidingExpiration = true;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Events.OnRedirectToLogin = context => Redirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Redirect(context, StatusCodes.Status403Forbidden);
        });
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = "motcua.2fa";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthorization(Policies.Register);
        return builder;
    }

    // APIs answer 401/403 ProblemDetails; pages redirect to the sign-in page.
    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        // Only pages redirect to the sign-in page; APIs, metrics and files get the status code.
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null)
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Identity");
        auth.MapPost("/login", SignIn.Handle).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).WithName("SignIn")
            .WithSummary("Đăng nhập bằng mật khẩu và mã xác thực (cán bộ) hoặc mật khẩu (công dân)")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        auth.MapPost("/logout", SignOut.Handle).RequireAuthorization().WithName("SignOut").WithSummary("Đăng xuất khỏi phiên hiện tại");
        auth.MapPost("/register", RegisterCitizen.Handle).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).WithName("RegisterCitizen").WithSummary("Đăng ký tài khoản công dân");
        auth.MapGet("/me", WhoAmI.Handle).RequireAuthorization().WithName("WhoAmI").WithSummary("Người dùng của phiên hiện tại: vai trò và đơn vị");
        auth.MapPost("/reauthenticate", Reauthenticate.Handle).RequireAuthorization().RequireRateLimiting(RateLimits.SignIn).WithName("Reauthenticate").WithSummary("Xác thực lại trước một thao tác nhạy cảm");
        auth.MapGet("/sessions", ListSessions.Handle).RequireAuthorization().WithName("ListOwnSessions").WithSummary("Các phiên đăng nhập đang mở của tôi");
        auth.MapDelete("/sessions/{handle}", RevokeSession.Handle).RequireAuthorization().WithName("RevokeOwnSession").WithSummary("Thu hồi một phiên đăng nhập của tôi");

        var users = app.MapGroup("/api/v1/users").WithTags("Identity").RequireAuthorization(Policies.UnitAdmin).RequireRecentAuthentication();
        users.MapPost("/", CreateStaffAccount.Handle).WithName("CreateStaffAccount").WithSummary("Tạo tài khoản cán bộ");
        users.MapPost("/{id:guid}/disable", DisableAccount.Handle).WithName("DisableAccount").WithSummary("Khóa tài khoản");
        users.MapGet("/{id:guid}/sessions", ListSessions.ForUser).RequireAuthorization(Policies.SystemAdmin).WithName("ListUserSessions").WithSummary("Các phiên đăng nhập đang mở của một tài khoản");
        users.MapDelete("/{id:guid}/sessions", RevokeSession.AllOfUser).RequireAuthorization(Policies.SystemAdmin).WithName("RevokeUserSessions").WithSummary("Thu hồi mọi phiên đăng nhập của một tài khoản");
        return app;
    }
}
