using KejiLive.Dashboard.Security;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Weekly;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Reports;
using KejiLive.Grains.Abstractions.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace KejiLive.Dashboard.Endpoints;

/// <summary>The weekly dispatch pack over HTTP: the list at <c>/reports</c>, a week's printable page, its workbook and
/// charts, and generation on demand. Weeks are <c>yyyy-Www</c> (400 when malformed, 404 outside the plan year or not
/// started); chart names must match <see cref="ChartNames.IsValid"/>, so no name can reach a path.</summary>
public static class WeeklyReportEndpoints
{
    private const string Html = "text/html; charset=utf-8";
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapWeeklyReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports", ListAsync).ExcludeFromDescription();
        app.MapGet("/reports/{week}", GetHtmlAsync).ExcludeFromDescription();
        app.MapGet("/api/reports/weekly", GetListAsync)
            .WithName("ListWeeklyPacks").WithSummary("周调度材料列表（已生成的各周及版本）");
        app.MapGet("/api/reports/weekly/{week}", GetHtmlAsync)
            .WithName("GetWeeklyPack").WithSummary("某周的周调度材料（HTML，可打印A4、可投屏）").Produces<string>(200, "text/html").ProducesProblem(400).ProducesProblem(404);
        app.MapGet("/api/reports/weekly/{week}.xlsx", GetXlsxAsync)
            .WithName("GetWeeklyPackXlsx").WithSummary("某周的周调度材料（XLSX）").Produces(200, contentType: XlsxType).ProducesProblem(400).ProducesProblem(404);
        app.MapGet("/api/reports/weekly/{week}/charts/{name}.png", GetChartAsync)
            .WithName("GetWeeklyPackChart").WithSummary("周调度材料中的图表（PNG）").Produces(200, contentType: "image/png").ProducesProblem(400).ProducesProblem(404);
        app.MapPost("/api/reports/weekly/{week}/generate", GenerateAsync)
            .WithName("GenerateWeeklyPack").WithSummary("立即重新生成某周的周调度材料（版本号加一）").Produces<PackSummary>().ProducesProblem(400).ProducesProblem(404)
            .RequireAuthorization(KejiAuth.Policies.Oversee);
        return app;
    }

    private static async Task<IResult> ListAsync(PlanDocument plan, PlanClock clock, IGrainFactory grains)
    {
        var packs = await grains.GetGrain<IWeeklyPackSchedulerGrain>(GrainKeys.Plan(plan.Id)).GetPacksAsync();
        return Results.Content(ReportListPage.Render(plan, clock.GetUtcNow(), packs), Html);
    }

    private static async Task<IResult> GetListAsync(PlanDocument plan, IGrainFactory grains)
    {
        var packs = await grains.GetGrain<IWeeklyPackSchedulerGrain>(GrainKeys.Plan(plan.Id)).GetPacksAsync();
        return Results.Json(ApiJson.WithSample(new { packs }, plan), ApiJson.Options);
    }

    private static async Task<IResult> GetHtmlAsync(string week, PlanDocument plan, PlanClock clock, IGrainFactory grains, HttpContext http)
    {
        if (Check(week, plan, clock) is { } problem) return problem;
        var html = await grains.GetGrain<IWeeklyPackGrain>(week).GetHtmlAsync();
        if (html is not null) return Results.Content(html, Html);
        http.Response.Headers.RetryAfter = BuildingRefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Content(BuildingPage(week, plan), Html, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Seconds after which a page that found its pack still being built asks again.</summary>
    public const int BuildingRefreshSeconds = 10;

    /// <summary>What a week's page says while its first pack is still being built (a large plan takes minutes): 202, a
    /// page that reloads itself, with a Retry-After for other clients.</summary>
    private static string BuildingPage(string week, PlanDocument plan)
    {
        var units = plan.Units.Count(u => u.Kind != UnitKind.Overlay);
        var title = System.Net.WebUtility.HtmlEncode($"{plan.City}周调度材料 · {week} · 正在生成");
        var body = System.Net.WebUtility.HtmlEncode(
            $"{week} 的周调度材料正在生成：本计划 {units} 个单位的各项目标要逐日重新判定，规模大时需要几分钟。本页每 {BuildingRefreshSeconds} 秒自动刷新，生成后即显示。");
        return $"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"{BuildingRefreshSeconds}\">" +
            $"<title>{title}</title></head><body style=\"font-family:sans-serif;padding:2em\"><h1>{title}</h1><p>{body}</p>" +
            "<p><a href=\"/reports\">返回周调度材料列表</a></p></body></html>";
    }

    private static async Task<IResult> GetXlsxAsync(string week, PlanDocument plan, PlanClock clock, IGrainFactory grains, HttpContext http)
    {
        if (Check(week, plan, clock) is { } problem) return problem;
        var bytes = await grains.GetGrain<IWeeklyPackGrain>(week).GetXlsxAsync();
        if (bytes is null)
        {
            http.Response.Headers.RetryAfter = BuildingRefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new { week, status = "building", message = $"{week} 的周调度材料正在生成，请 {BuildingRefreshSeconds} 秒后再试。" },
                ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
        }
        IsoWeek.TryParse(week, out var w);
        // The Chinese name for browsers (filename*, RFC 5987), a readable ASCII one for older clients.
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"keji-weekly-{w}.xlsx",
            FileNameStar = $"{plan.City}周调度材料-{w.Year}年第{w.Week}周.xlsx",
        }.ToString();
        return Results.Bytes(bytes, XlsxType);
    }

    private static async Task<IResult> GetChartAsync(string week, string name, PlanDocument plan, PlanClock clock, IGrainFactory grains)
    {
        if (Check(week, plan, clock) is { } problem) return problem;
        if (!ChartNames.IsValid(name))
        {
            return Problems.Invalid([new("name", "图表名只能由小写字母、数字、- 和 _ 组成。")], "图表名无效");
        }
        var png = await grains.GetGrain<IWeeklyPackGrain>(week).GetChartAsync(name);
        return png is null ? Problems.NotFound("name", $"{week} 的材料中没有图表 {name}。") : Results.File(png, "image/png");
    }

    private static async Task<IResult> GenerateAsync(string week, HttpContext http, PlanDocument plan, PlanClock clock, IGrainFactory grains, AuditTrail audit)
    {
        if (Check(week, plan, clock) is { } problem) return problem;
        var pack = await grains.GetGrain<IWeeklyPackGrain>(week).GenerateAsync();
        await audit.RecordAsync(http, "pack.generate", week);
        return Results.Json(pack, ApiJson.Options);
    }

    /// <summary>400 for a malformed week, 404 for a week outside the plan year or not started yet; null when fine.</summary>
    private static IResult? Check(string week, PlanDocument plan, PlanClock clock)
    {
        if (!IsoWeek.TryParse(week, out var w))
        {
            return Problems.Invalid([new("week", "周次格式应为 yyyy-Www，例如 2025-W07（ISO 周，周一至周日）。")], "周次无效");
        }
        if (!PlanWeeks.Contains(plan, w))
        {
            return Problems.NotFound("week", $"{week} 不在{plan.Year}年计划年度内（可选 {PlanWeeks.All(plan)[0]} 至 {PlanWeeks.All(plan)[^1]}）。");
        }
        if (!PlanWeeks.HasStarted(plan, w, clock.GetUtcNow()))
        {
            return Problems.NotFound("week", $"{week} 尚未开始，没有材料。");
        }
        return null;
    }
}
