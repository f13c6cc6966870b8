using System.Collections.Immutable;
using System.ComponentModel;
using KejiLive.Dashboard.Endpoints;
using KejiLive.Domain.Planning;
using KejiLive.Domain.WhatIf;
using KejiLive.Reports;

namespace KejiLive.Dashboard.WhatIf;

[Description("调剂测算的结果：方案涉及的单位与全市，调剂前后。只是测算，不改变计划。")]
public sealed record WhatIfResponse
{
    [Description("目标编号。")]
    public required string Target { get; init; }

    [Description("目标名称。")]
    public required string TargetName { get; init; }

    [Description("计量单位。")]
    public required string Measure { get; init; }

    [Description("测算时点（计划时钟）。")]
    public DateTimeOffset At { get; init; }

    [Description("评判日期（Asia/Shanghai）。")]
    public DateOnly Date { get; init; }

    [Description("调出单位代码。")]
    public required string From { get; init; }

    [Description("调出数量（未填 amount 时为该单位当前差额）。")]
    public double Moved { get; init; }

    [Description("全市目标的变化（调剂为 0；changesCityTotal 时为承接合计减调出）。")]
    public double CityTotalChange { get; init; }

    [Description("方案的一句话说明。")]
    public required string Summary { get; init; }

    [Description("显示调整量和年度目标时用的小数位数（2–4）：按此位数显示，承接合计等于调出，调整前目标加调整量等于调整后目标。")]
    public int Decimals { get; init; }

    [Description("假设测算的说明：不改变计划。")]
    public required string Notice { get; init; }

    [Description("涉及的单位：调出单位在前，承接单位按方案顺序。")]
    public ImmutableArray<WhatIfUnitView> Units { get; init; } = [];

    public required WhatIfCityView City { get; init; }

    [Description("分解为示例数据时为 true。")]
    public bool SampleSplit { get; init; }

    [Description("示例分解的说明（仅 sampleSplit 时）。")]
    public string? SampleNotice { get; init; }

    public static WhatIfResponse Of(PlanDocument plan, WhatIfResult result, DateTimeOffset at)
    {
        var target = plan.FindTarget(result.TargetId)!;
        return new WhatIfResponse
        {
            Target = target.Id,
            TargetName = target.Name,
            Measure = target.Measure,
            At = at,
            Date = result.Date,
            From = result.From,
            Moved = result.Moved,
            CityTotalChange = result.CityTotalChange,
            Summary = WhatIfText.Summary(plan, result),
            Decimals = WhatIfText.Decimals(result),
            Notice = WhatIfText.Notice,
            Units = [.. result.Units.Select(u => new WhatIfUnitView
            {
                Unit = u.UnitId,
                UnitName = WhatIfText.UnitName(plan, u.UnitId),
                Change = u.Change,
                Before = WhatIfSideView.From(u.Before),
                After = WhatIfSideView.From(u.After),
            })],
            City = new WhatIfCityView
            {
                Before = WhatIfSideView.From(result.City.Before),
                After = WhatIfSideView.From(result.City.After),
                UnitsRedBefore = result.City.UnitsRedBefore,
                UnitsRedAfter = result.City.UnitsRedAfter,
            },
            SampleSplit = plan.SampleSplit,
            SampleNotice = plan.SampleSplit ? ApiJson.SampleNotice : null,
        };
    }
}
