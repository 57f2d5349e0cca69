using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Identity;

namespace MotCua.Web.Units;

internal static class UnitsModule
{
    public static WebApplicationBuilder AddUnits(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeFolder("/Units", Policies.Staff));
        return builder;
    }

    public static IEndpointRouteBuilder MapUnits(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/units").WithTags("Units").RequireAuthorization(Policies.Staff).RequireRecentAuthentication();
        api.MapGet("/", ListUnits.Handle).WithName("ListUnits");
        api.MapGet("/export", ExportUnits.Handle).WithName("ExportUnits");
        api.MapGet("/{code}", GetUnit.Handle).WithName("GetUnit");
        api.MapPost("/", SaveUnit.Create).RequireAuthorization(Policies.UnitAdmin).WithName("CreateUnit");
        api.MapPut("/{code}", SaveUnit.Update).RequireAuthorization(Policies.UnitAdmin).WithName("UpdateUnit");
        api.MapPost("/{code}/merge", MergeUnits.Handle).RequireAuthorization(Policies.UnitAdmin).WithName("MergeUnits");
        api.MapPost("/{code}/reorganisation/preview", ReorganiseUnit.Preview).RequireAuthorization(Policies.UnitAdmin).WithName("PreviewReorganisation");
        api.MapPost("/{code}/reorganisation", ReorganiseUnit.Apply).RequireAuthorization(Policies.UnitAdmin).WithName("ApplyReorganisation");
        api.MapPost("/import", ImportUnits.Handle).RequireAuthorization(Policies.UnitAdmin).DisableAntiforgery().WithName("ImportUnits")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ImportUnits.MaxBytes));
        return app;
    }
}
