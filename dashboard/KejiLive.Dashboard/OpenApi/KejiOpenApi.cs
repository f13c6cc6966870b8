using System.Reflection;
using System.Runtime.CompilerServices;
using KejiLive.Dashboard.Endpoints;
using KejiLive.Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace KejiLive.Dashboard.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> (and Scalar at <c>/scalar/v1</c>): how to authenticate
/// (a bearer token, or the pages' session cookie) on every route that needs it and on no other, typed request bodies,
/// Chinese tags, and the 401/403 answers every protected route can give. The test suite lints it with Redocly.</summary>
public static class KejiOpenApi
{
    /// <summary>The security scheme for <c>Authorization: Bearer kl_…</c> (or an OIDC JWT when configured).</summary>
    public const string BearerScheme = "bearer";

    /// <summary>The security scheme for the pages' session cookie (set by <c>POST /api/session</c>).</summary>
    public const string SessionScheme = "session";

    /// <summary>Tags by the class that maps the endpoints: name and description shown in the reference.</summary>
    private static readonly Dictionary<string, (string Name, string Description)> Tags = new(StringComparer.Ordinal)
    {
        [nameof(SecurityEndpoints)] = ("登录、令牌与审计", "页面登录、当前身份、令牌的签发与吊销（管理员）、审计记录与哈希链校验。"),
        [nameof(ReportEndpoints)] = ("报送", "单位报送目标进度：单份或整批，全收或全拒，应答前已持久保存。"),
        [nameof(FillingEndpoints)] = ("Excel 填报", "下载单位的填报模板、上传填好的工作簿，以及逐条台账与疑似重复。"),
        [nameof(QueryEndpoints)] = ("查询", "计划、目标、单位、平台、赛马排名与系统状态。"),
        [nameof(TrajectoryEndpoints)] = ("查询", "计划、目标、单位、平台、赛马排名与系统状态。"),
        [nameof(AlertEndpoints)] = ("督办与静默", "督办的列表、单位答复与市科技局销号；通知静默。"),
        [nameof(ReviewEndpoints)] = ("待核实", "跳变较大的报送：列表与核实。"),
        [nameof(WeeklyReportEndpoints)] = ("周调度材料", "每周一生成的调度材料：网页、Excel 与图表。"),
        [nameof(WhatIfEndpoints)] = ("调剂测算", "假设把某单位的目标或差额调给其他单位：各单位与全市调剂前后的序时差距、灯与年末预计，可导出 Excel 与 Markdown；只测算，不改变计划。"),
    };

    private const string OtherTag = "其他";

    public static IServiceCollection AddKejiOpenApi(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddOperationTransformer(DescribeOperationAsync);
        o.AddDocumentTransformer(DescribeDocumentAsync);
    });

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellation)
    {
        document.Info.Title = "KejiLive API";
        document.Info.Description = "赣州市 2025 年科技工作计划的进度监测与督办接口。除登录外，每个接口都需要令牌："
            + "程序调用用 Authorization: Bearer kl_…（或配置的 OIDC JWT），本站页面用登录后设置的会话 Cookie。错误一律以 application/problem+json 返回，说明为中文。";
        // The server entry is the request's own base address; a trailing slash there doubles the paths' leading one.
        foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "令牌（kl_…，由管理员通过 POST /api/tokens 签发），或配置了 Auth:Jwt 时的 OIDC JWT。",
        };
        document.Components.SecuritySchemes[SessionScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = KejiAuth.CookieName,
            Description = "本站页面的会话 Cookie（POST /api/session 设置）；只接受本站页面发出的请求。",
        };

        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Reference.Id).OfType<string>().ToHashSet();
        var descriptions = Tags.Values.DistinctBy(t => t.Name).ToDictionary(t => t.Name, t => t.Description);
        document.Tags = new HashSet<OpenApiTag>(used.Order(StringComparer.Ordinal).Select(name => new OpenApiTag
        {
            Name = name,
            Description = descriptions.GetValueOrDefault(name, "其他接口。"),
        }));
        return Task.CompletedTask;
    }

    private static Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Tags = new HashSet<OpenApiTagReference> { new(TagOf(metadata), context.Document) };

        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            // One empty requirement: this route answers without credentials.
            operation.Security = [new OpenApiSecurityRequirement()];
        }
        else
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SessionScheme, context.Document)] = [] },
            ];
            operation.Responses ??= new OpenApiResponses();
            AddProblem(operation, context, "401", "未登录，或令牌不存在、已吊销、已过期。");
            // Every route can refuse a session cookie sent from a foreign page; a role policy refuses other roles.
            AddProblem(operation, context, "403", "无权执行此操作（角色或单位不符，或会话 Cookie 来自非本站页面）。");
            AddProblem(operation, context, "429", "请求过于频繁（每个令牌每分钟的次数有上限），稍后再试（见 Retry-After）。");
        }

        if (operation.OperationId == "PostReports") OneOrMany(operation, ReportEndpoints.MaxBatch);
        if (operation.OperationId == "UploadFilling") Workbook(operation);
        return Task.CompletedTask;
    }

    /// <summary>The upload reads the workbook itself: a form field <c>file</c>, or the XLSX as the whole body.</summary>
    private static void Workbook(OpenApiOperation operation)
    {
        var file = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "填好的填报模板（XLSX，不超过 2 MiB）。" };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "填好的填报模板：multipart/form-data 的字段 file，或请求体直接为 XLSX。",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = file },
                    },
                },
                [FillingEndpoints.XlsxContentType] = new() { Schema = file },
            },
        };
    }

    /// <summary>The request body is one item or an array of 1 to <paramref name="max"/> items of the declared type.</summary>
    private static void OneOrMany(OpenApiOperation operation, int max)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var media) != true || media!.Schema is not { } one) return;
        media.Schema = new OpenApiSchema
        {
            OneOf =
            [
                one,
                new OpenApiSchema { Type = JsonSchemaType.Array, Items = one, MinItems = 1, MaxItems = max },
            ],
        };
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
            },
        };
    }

    /// <summary>The tag of the class that mapped the endpoint (its handler's declaring type, outside any closure class).</summary>
    private static string TagOf(IList<object> metadata)
    {
        var type = metadata.OfType<MethodInfo>().FirstOrDefault()?.DeclaringType;
        while (type is not null && type.IsDefined(typeof(CompilerGeneratedAttribute), false)) type = type.DeclaringType;
        return type is not null && Tags.TryGetValue(type.Name, out var tag) ? tag.Name : OtherTag;
    }
}
