using KejiLive.Dashboard.Ingest;
using KejiLive.Dashboard.OpenApi;
using KejiLive.Dashboard.Security;
using KejiLive.Dashboard.WhatIf;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.WhatIf;
using KejiLive.Grains.Abstractions.Time;
using KejiLive.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace KejiLive.Dashboard.Endpoints;

/// <summary>What-if for the city office (issue 17): a proposed reallocation of a target's split, computed by the domain
/// (<see cref="WhatIfCalculator"/>) on the live state, as JSON, as a workbook or as Markdown for the dispatch meeting.
/// Every route only reads: nothing is stored and the plan never changes. Leader and admin (the office's policy).</summary>
public static class WhatIfEndpoints
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string MarkdownType = "text/markdown; charset=utf-8";

    public static IEndpointRouteBuilder MapWhatIfEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/targets/{target}/whatif", JsonAsync).WithName("WhatIf")
            .WithSummary("调剂测算：某单位的目标（或差额）调给其他单位后，各单位与全市的序时差距、灯、年末预计（只测算，不改变计划）")
            .Accepts<WhatIfBody>("application/json").Produces<WhatIfResponse>()
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAuthorization(KejiAuth.Policies.Oversee);
        app.MapPost("/api/targets/{target}/whatif.xlsx", XlsxAsync).WithName("WhatIfXlsx")
            .WithSummary("调剂测算导出为 Excel（周调度会用）：说明、调剂前后两张表")
            .Accepts<WhatIfBody>("application/json").Produces(StatusCodes.Status200OK, contentType: XlsxType)
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAuthorization(KejiAuth.Policies.Oversee);
        app.MapPost("/api/targets/{target}/whatif.md", MarkdownAsync).WithName("WhatIfMarkdown")
            .WithSummary("调剂测算导出为 Markdown 段落（贴入周调度材料或会议纪要）")
            .Accepts<WhatIfBody>("application/json").Produces<string>(StatusCodes.Status200OK, "text/markdown")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAuthorization(KejiAuth.Policies.Oversee);
        return app;
    }

    private static async Task<IResult> JsonAsync(string target, HttpContext http, PlanDocument plan, PlanClock clock, IGrainFactory grains)
    {
        var (result, at, problem) = await ComputeAsync(target, http, plan, clock, grains);
        return problem ?? Results.Json(WhatIfResponse.Of(plan, result!, at), ApiJson.Options);
    }

    private static async Task<IResult> XlsxAsync(string target, HttpContext http, PlanDocument plan, PlanClock clock, IGrainFactory grains)
    {
        var (result, at, problem) = await ComputeAsync(target, http, plan, clock, grains);
        if (problem is not null) return problem;
        var day = Domain.Calendar.ShanghaiTime.DateOf(at);
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"keji-whatif-{target}-{day:yyyyMMdd}.xlsx",
            FileNameStar = $"{plan.City}目标调剂测算-{plan.FindTarget(target)!.Name}-{day.Year}年{day.Month}月{day.Day}日.xlsx",
        }.ToString();
        return Results.Bytes(WhatIfXlsx.Render(plan, result!, at), XlsxType);
    }

    private static async Task<IResult> MarkdownAsync(string target, HttpContext http, PlanDocument plan, PlanClock clock, IGrainFactory grains)
    {
        var (result, at, problem) = await ComputeAsync(target, http, plan, clock, grains);
        return problem ?? Results.Text(WhatIfText.Markdown(plan, result!, at), MarkdownType);
    }

    /// <summary>Reads the body, checks it against the plan and the live state, then computes: a problem or the result.</summary>
    private static async Task<(WhatIfResult? Result, DateTimeOffset At, IResult? Problem)> ComputeAsync(
        string target, HttpContext http, PlanDocument plan, PlanClock clock, IGrainFactory grains)
    {
        var definition = plan.FindTarget(target);
        if (definition is null) return (null, default, Problems.NotFound("target", $"没有目标 {target}。"));

        WhatIfProposal? proposal;
        var (document, failure, message) = await BodyReader.ReadAsync(http.Request, http.RequestAborted);
        using (document)
        {
            if (failure == BodyReader.Failure.TooLarge) return (null, default, Problems.TooLarge(BodyReader.MaxBytes));
            if (document is null) return (null, default, Problems.Invalid([new FieldError("$", message ?? "请求体须为 JSON 对象。")], Title));
            var (read, errors) = WhatIfRequest.Read(document.RootElement);
            if (!errors.IsEmpty) return (null, default, Problems.Invalid(errors, Title));
            proposal = read!;
        }

        var (units, cityLight) = await WhatIfLiveState.ReadAsync(grains, definition);
        var check = WhatIfCalculator.Check(plan, definition, proposal, units);
        if (!check.IsEmpty) return (null, default, Problems.Invalid(check, Title));
        var histories = await WhatIfLiveState.HistoriesAsync(grains, definition, proposal);
        var unitPaces = await WhatIfLiveState.UnitPacesAsync(grains, plan, definition, proposal);
        var now = clock.GetUtcNow();
        var outcome = WhatIfCalculator.Compute(plan, definition, proposal, units, histories, now, cityLight, unitPaces);
        return outcome.IsValid ? (outcome.Result, now, null) : (null, default, Problems.Invalid(outcome.Errors, Title));
    }

    private const string Title = "调剂方案无效";
}
