using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace MotCua.Web.Platform.Http;

/// <summary>
/// The published API contract (docs/api-versioning.md): every operation of <c>/api/v1</c> says who may call it and
/// documents the problems the platform answers with, beside what its handler declares itself. The test suite checks
/// every response it receives against this document and lints the document with Redocly's recommended rules.
/// </summary>
internal static class ApiContract
{
    /// <summary>The staff or citizen session: the cookie that <c>POST /api/v1/auth/login</c> sets.</summary>
    public const string SessionScheme = "session";

    private const string ProblemMediaType = "application/problem+json";

    /// <summary>What each group of operations is for, as the document's tags describe them.</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Audit"] = "Nhật ký thay đổi chỉ ghi thêm và kiểm tra chuỗi băm",
        ["Calendar"] = "Lịch làm việc: ngày nghỉ, ngày làm bù, giờ làm việc, âm lịch và hạn giải quyết",
        ["Catalog"] = "Quản trị danh mục thủ tục hành chính, phiên bản, quy trình nội bộ và đơn vị cung cấp",
        ["Dossiers"] = "Tiếp nhận và xử lý hồ sơ tại bộ phận một cửa và các phòng chuyên môn",
        ["Identity"] = "Đăng nhập, phiên làm việc và tài khoản",
        ["National portal"] = "Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia: trạng thái, xác nhận của Cổng, thư chết và gửi lại",
        ["Notices"] = "Thông báo đến người dân qua thư điện tử, tin nhắn: trạng thái gửi, gửi lại, kênh nhận do người dân chọn",
        ["Online dossiers"] = "Hồ sơ nộp trực tuyến: nộp, bổ sung và tiếp nhận",
        ["Partners"] = "Hệ thống đối tác (Cổng DVC quốc gia, LGSP, bộ, ngành): đăng ký, mã truy cập OAuth 2.0 client credentials, nhật ký gọi",
        ["Payments"] = "Phí, lệ phí và nghĩa vụ tài chính: thu tại quầy, thanh toán trực tuyến, biên lai điện tử, đối soát, hoàn tiền",
        ["Personal data"] = "Dữ liệu cá nhân (Luật 91/2025/QH15): xem, sửa, tải về, thời hạn lưu trữ, nhật ký truy cập",
        ["Oversight"] = "Giám sát: xếp hạng Quyết định 766, đánh giá cán bộ",
        ["Petitions"] = "Phản ánh, kiến nghị về quy định hành chính",
        ["Procedures"] = "Danh mục thủ tục hành chính công khai",
        ["Ratings"] = "Đánh giá mức độ hài lòng của người dân",
        ["Reporting"] = "Báo cáo kết quả giải quyết thủ tục hành chính",
        ["Reports"] = "Báo cáo theo kỳ, sổ theo dõi và chỉ số Quyết định 766",
        ["Signatures"] = "Xác thực chữ ký số trên văn bản MotCua phát hành",
        ["Tracking"] = "Tra cứu tiến độ hồ sơ",
        ["Units"] = "Đơn vị hành chính, sắp xếp và kế thừa",
        ["Workflow"] = "Hộp việc và luân chuyển hồ sơ theo quy trình nội bộ",
    };

    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer(DescribeDocument);
        options.AddOperationTransformer(DescribeSecurity);
        options.AddSchemaTransformer(DescribeProblem);
    }

    /// <summary>Documents a 200 answer that is a file to save, of one of <paramref name="mediaTypes"/>, rather than JSON to read.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, params string[] mediaTypes) =>
        builder.Produces(StatusCodes.Status200OK, typeof(Stream), mediaTypes[0], mediaTypes[1..]);

    /// <summary>Adds the problem answers of <see cref="ProblemAnswers"/> to the API explorer that the document reads.</summary>
    public static IServiceCollection AddApiContract(this IServiceCollection services) =>
        services.AddTransient<IApiDescriptionProvider, ProblemAnswers>();

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "MotCua API",
            Version = "v1",
            Description = "Hệ thống một cửa điện tử giải quyết thủ tục hành chính. Chính sách phiên bản: docs/api-versioning.md.",
            License = new OpenApiLicense { Name = "AGPL-3.0-or-later", Identifier = "AGPL-3.0-or-later" },
        };
        // The operations' paths are absolute; the document is served by the instance it describes.
        document.Servers = [new OpenApiServer { Url = "/", Description = "Máy chủ phát hành tài liệu này" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [SessionScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = Identity.IdentityModule.SessionCookie,
                Description = "Phiên đăng nhập do POST /api/v1/auth/login cấp (cookie HttpOnly).",
            },
        };
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
        {
            Name = name,
            Description = TagDescriptions.GetValueOrDefault(name),
        }));
        return Task.CompletedTask;
    }

    /// <summary>
    /// A problem as <see cref="ProblemsModule"/> writes every one: its type, title and status always, the correlation id
    /// that the error log also names, and for bad input the messages of each field.
    /// </summary>
    private static Task DescribeProblem(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type != typeof(ProblemDetails) || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        schema.Properties[ProblemsModule.TraceIdField] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "Mã tương quan của yêu cầu, ghi cùng lỗi trong nhật ký máy chủ.",
        };
        schema.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Với dữ liệu không hợp lệ: các thông báo lỗi của từng trường.",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        };
        schema.Required = new HashSet<string>(["type", "title", "status", ProblemsModule.TraceIdField], StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    /// <summary>An operation open to all says so with an empty requirement; every other one needs the session.</summary>
    private static Task DescribeSecurity(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Security = IsAnonymous(context.Description.ActionDescriptor)
            ? []
            : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SessionScheme, context.Document)] = [] }];
        return Task.CompletedTask;
    }

    private static bool IsAnonymous(ActionDescriptor action) =>
        action.EndpointMetadata.OfType<IAllowAnonymous>().Any();

    /// <summary>
    /// The problems the platform itself answers with, whatever the handler (<see cref="ProblemsModule"/>): 400 for input
    /// (a body, a parameter, any header) that does not bind or is not clean (<see cref="CleanInput"/>, <see cref="FieldErrors"/>), 401 and 403 where a
    /// session is needed, 404 for a resource named in the path (or a unit in the query) that does not exist or is not visible, 409 for a write
    /// that lost to a concurrent one or would duplicate a unique value, 413 past a size limit, 415 for a body of another
    /// media type, 429 past a rate limit, and 503 while the database is unreachable. Runs after the minimal API
    /// provider, so what a handler declares itself stays as it is.
    /// </summary>
    private sealed class ProblemAnswers : IApiDescriptionProvider
    {
        public int Order => 0;

        public void OnProvidersExecuting(ApiDescriptionProviderContext context)
        {
        }

        public void OnProvidersExecuted(ApiDescriptionProviderContext context)
        {
            foreach (var api in context.Results.Where(a => a.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true))
            {
                var metadata = api.ActionDescriptor.EndpointMetadata;
                // Every request's query and headers are checked (CleanInput), so any operation can answer 400.
                Add(api, StatusCodes.Status400BadRequest);

                if (!IsAnonymous(api.ActionDescriptor))
                {
                    Add(api, StatusCodes.Status401Unauthorized);
                    Add(api, StatusCodes.Status403Forbidden);
                }

                if (api.ParameterDescriptions.Any(p => p.Source == BindingSource.Path
                    || p.Source == BindingSource.Query && string.Equals(p.Name, "unitCode", StringComparison.OrdinalIgnoreCase)))
                {
                    Add(api, StatusCodes.Status404NotFound);
                }

                if (api.HttpMethod is not ("GET" or "HEAD"))
                {
                    Add(api, StatusCodes.Status409Conflict);
                }

                if (metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>().Any())
                {
                    Add(api, StatusCodes.Status413PayloadTooLarge);
                }

                if (api.SupportedRequestFormats.Count > 0)
                {
                    Add(api, StatusCodes.Status415UnsupportedMediaType);
                }

                if (metadata.OfType<EnableRateLimitingAttribute>().Any())
                {
                    Add(api, StatusCodes.Status429TooManyRequests);
                }

                Add(api, StatusCodes.Status503ServiceUnavailable);
            }
        }

        private static void Add(ApiDescription api, int status)
        {
            if (api.SupportedResponseTypes.Any(r => r.StatusCode == status))
            {
                return;
            }

            api.SupportedResponseTypes.Add(new ApiResponseType
            {
                StatusCode = status,
                Type = typeof(ProblemDetails),
                ModelMetadata = null,
                ApiResponseFormats = [new ApiResponseFormat { MediaType = ProblemMediaType }],
            });
        }
    }
}
