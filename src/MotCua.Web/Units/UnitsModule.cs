using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Identity;
using MotCua.Web.Platform.Http;

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
        api.MapGet("/", ListUnits.Handle).WithName("ListUnits").WithSummary("Danh sách đơn vị hành chính");
        api.MapGet("/export", ExportUnits.Handle).WithName("ExportUnits").WithSummary("Xuất danh sách đơn vị hành chính")
            .ProducesFile("application/json", "text/csv");
        api.MapGet("/{code}", GetUnit.Handle).WithName("GetUnit").WithSummary("Thông tin một đơn vị hành chính");
        api.MapPost("/", SaveUnit.Create).RequireAuthorization(Policies.UnitAdmin).WithName("CreateUnit").WithSummary("Tạo đơn vị hành chính");
        api.MapPut("/{code}", SaveUnit.Update).RequireAuthorization(Policies.UnitAdmin).WithName("UpdateUnit").WithSummary("Sửa thông tin đơn vị hành chính");
        api.MapPost("/{code}/merge", MergeUnits.Handle).RequireAuthorization(Policies.UnitAdmin).WithName("MergeUnits").WithSummary("Sáp nhập đơn vị (cách cũ; dùng sắp xếp đơn vị)");
        api.MapPost("/{code}/reorganisation/preview", ReorganiseUnit.Preview).RequireAuthorization(Policies.UnitAdmin).WithName("PreviewReorganisation").WithSummary("Xem trước việc sắp xếp đơn vị và các đơn vị kế thừa");
        api.MapPost("/{code}/reorganisation", ReorganiseUnit.Apply).RequireAuthorization(Policies.UnitAdmin).WithName("ApplyReorganisation").WithSummary("Sắp xếp đơn vị: đóng đơn vị, chuyển hồ sơ cho đơn vị kế thừa");
        api.MapPost("/import", ImportUnits.Handle).RequireAuthorization(Policies.UnitAdmin).DisableAntiforgery().WithName("ImportUnits").WithSummary("Nhập danh sách đơn vị hành chính")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ImportUnits.MaxBytes));
        return app;
    }
}
