using System.Text.Json;
using System.Text.Json.Nodes;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Views;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KejiLive.Dashboard.Endpoints;

/// <summary>The read side of the HTTP contract: the plan, a target × unit, a city target, a unit, the ranking.</summary>
public static class QueryEndpoints
{
    public static IEndpointRouteBuilder MapQueryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/plan", (PlanDocument plan) => Results.Json(PlanView.From(plan), ApiJson.Options))
            .WithName("GetPlan").WithSummary("计划：目标、单位、分解（示例分解时有标注）").Produces<PlanView>();

        app.MapGet("/api/targets/{target}/{unit}", GetTargetUnitAsync)
            .WithName("GetTargetUnit").WithSummary("某单位某目标的状态与全部报送历史").Produces<TargetDetail>().ProducesProblem(404);

        app.MapGet("/api/targets/{target}/shortfalls", GetShortfallsAsync)
            .WithName("GetShortfalls").WithSummary("拖后腿单位（按差额由大到小），含各单位灯色")
            .WithDescription("可分页：offset（从0起）、limit（1–" + MaxPageSize + "，默认" + TargetPageLimits.Shortfalls + "）；shortfallCount 为落后单位总数。")
            .Produces<ShortfallPage>().ProducesProblem(400).ProducesProblem(404);

        app.MapGet("/api/targets/{target}", GetCityTargetAsync)
            .WithName("GetCityTarget").WithSummary("全市汇总、分单位明细与拖后腿单位")
            .WithDescription("分单位明细按计划分解顺序；order=worst 时按灯色由差到好（红、黄、绿、暂无评价；同色未报送在前、较序时低者在前），覆盖全部单位。"
                + "可分页：offset（从0起）、limit（1–" + MaxPageSize + "）。不带参数时：单位不超过500个则全部列出，"
                + "否则列出前500个；unitCount 为单位总数，offset 为本页起点。全市汇总与计数覆盖全部单位；拖后腿单位列出差额最大的前 limit 个（默认500），"
                + "shortfallCount 为落后单位总数（全部见 GET /api/targets/{target}/shortfalls）。")
            .Produces<CitySnapshot>().ProducesProblem(400).ProducesProblem(404);

        app.MapGet("/api/units/{unit}", GetUnitAsync)
            .WithName("GetUnit").WithSummary("单位记分卡：全部目标、赛马得分与排名").Produces<UnitScorecard>().ProducesProblem(404);

        app.MapGet("/api/platforms/{target}", GetPlatformAsync)
            .WithName("GetPlatform").WithSummary("平台与重点举措的节点完成情况").Produces<PlatformSnapshot>().ProducesProblem(404);

        app.MapGet("/api/ranking", GetRankingAsync)
            .WithName("GetRanking").WithSummary("赛马排名（得分规则见 rule）");

        app.MapGet("/api/status", GetStatusAsync)
            .WithName("GetStatus").WithSummary("时钟与最近一次全量评判");
        return app;
    }

    private static async Task<IResult> GetTargetUnitAsync(string target, string unit, PlanDocument plan, IGrainFactory grains)
    {
        if (Find(plan, target, out var definition) is { } missing) return missing;
        if (plan.FindUnit(unit) is null) return Problems.NotFound("unit", $"没有单位 {unit}。");
        if (definition.AssignmentFor(unit) is null) return Problems.NotFound("unit", $"单位 {unit} 不承担目标 {target}。");
        var detail = await grains.GetGrain<ITargetGrain>(GrainKeys.Target(target, unit)).GetDetailAsync();
        var node = ApiJson.WithSample(detail.Snapshot, plan);
        node["history"] = JsonSerializer.SerializeToNode(detail.History, ApiJson.Options);
        return Results.Json(node, ApiJson.Options);
    }

    /// <summary>The largest page of units <c>GET /api/targets/{target}</c> answers with.</summary>
    public const int MaxPageSize = 5000;

    /// <summary>Units listed without a limit (the grain's own default for the plan order).</summary>
    public const int DefaultPageSize = TargetPageLimits.Units;

    private static async Task<IResult> GetCityTargetAsync(string target, string? offset, string? limit, string? order, PlanDocument plan, IGrainFactory grains)
    {
        if (Find(plan, target, out _) is { } missing) return missing;
        var errors = new List<FieldError>();
        var (from, take) = PageQuery.Read(offset, limit, MaxPageSize, errors);
        if (order is not null and not "plan" and not "worst") errors.Add(new FieldError("order", "order 须为 plan（计划分解顺序）或 worst（灯色由差到好）。"));
        if (errors.Count > 0) return Problems.Invalid(errors, "分页参数无效");
        var grain = grains.GetGrain<ICityTargetGrain>(target);
        var city = order == "worst"
            ? await grain.GetWorstFirstPageAsync(from, take ?? DefaultPageSize)
            : await grain.GetPageAsync(from, take);
        return Results.Json(ApiJson.WithSample(city, plan), ApiJson.Options);
    }

    private static async Task<IResult> GetShortfallsAsync(string target, string? offset, string? limit, PlanDocument plan, IGrainFactory grains)
    {
        if (Find(plan, target, out _) is { } missing) return missing;
        var errors = new List<FieldError>();
        var (from, take) = PageQuery.Read(offset, limit, MaxPageSize, errors);
        if (errors.Count > 0) return Problems.Invalid(errors, "分页参数无效");
        var page = await grains.GetGrain<ICityTargetGrain>(target).GetShortfallsAsync(from, take ?? TargetPageLimits.Shortfalls);
        return Results.Json(page, ApiJson.Options);
    }

    private static async Task<IResult> GetUnitAsync(string unit, PlanDocument plan, IGrainFactory grains)
    {
        if (plan.FindUnit(unit) is null) return Problems.NotFound("unit", $"没有单位 {unit}。");
        var card = await grains.GetGrain<IUnitGrain>(unit).GetScorecardAsync();
        return Results.Json(ApiJson.WithSample(card, plan), ApiJson.Options);
    }

    private static async Task<IResult> GetPlatformAsync(string target, PlanDocument plan, IGrainFactory grains)
    {
        if (Find(plan, target, out var definition) is { } missing) return missing;
        if (definition.Kind != TargetKind.Milestone) return Problems.NotFound("target", $"目标 {target} 不是节点类目标。");
        return Results.Json(await grains.GetGrain<IPlatformGrain>(target).GetAsync(), ApiJson.Options);
    }

    private static async Task<IResult> GetRankingAsync(PlanDocument plan, IGrainFactory grains)
    {
        var ranking = await grains.GetGrain<IRankingGrain>(GrainKeys.Plan(plan.Id)).GetRankingAsync();
        var node = new JsonObject
        {
            ["rule"] = Domain.Progress.UnitScore.Rule,
            ["units"] = JsonSerializer.SerializeToNode(ranking, ApiJson.Options),
        };
        return Results.Json(node, ApiJson.Options);
    }

    private static async Task<IResult> GetStatusAsync(PlanDocument plan, PlanClock clock, IGrainFactory grains)
    {
        var last = await grains.GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(plan.Id)).GetLastAsync();
        return Results.Json(new { plan = plan.Id, now = clock.GetUtcNow(), speed = clock.Speed, lastJudgement = last }, ApiJson.Options);
    }

    private static IResult? Find(PlanDocument plan, string target, out TargetDefinition definition)
    {
        definition = plan.FindTarget(target)!;
        return definition is null ? Problems.NotFound("target", $"没有目标 {target}；目标列表见 GET /api/plan。") : null;
    }
}
