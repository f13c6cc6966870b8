using System.ComponentModel;
using KejiLive.Domain.WhatIf;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Dashboard.WhatIf;

[Description("调剂前或调剂后的一侧：按现行判灯规则、在同一时点评判。")]
public sealed record WhatIfSideView
{
    [Description("年度目标（计量单位见 measure）。")]
    public double AnnualTarget { get; init; }

    [Description("累计完成。")]
    public double Actual { get; init; }

    [Description("按序时进度应完成。")]
    public double Expected { get; init; }

    [Description("完成率（小数）。")]
    public double CompletionRate { get; init; }

    [Description("序时进度（小数），截至 scheduleDate。")]
    public double ScheduleRate { get; init; }

    [Description("序时进度截至日期。")]
    public DateOnly ScheduleDate { get; init; }

    [Description("较序时（百分点，负为落后）。")]
    public double GapPoints { get; init; }

    [Description("差额：应完成而未完成的数量（不落后为 0）。")]
    public double Shortfall { get; init; }

    [Description("灯：green、yellow、red 或 grey（尚无可评判的数据）。")]
    public required string Light { get; init; }

    [Description("判灯依据，一句中文。")]
    public required string Explanation { get; init; }

    [Description("年末预计（值与区间）；尚无报送时为 null。")]
    public ForecastRange? Forecast { get; init; }

    [Description("年末预计能否完成年度目标：reach（预计能完成）、atRisk（有风险）、miss（预计难完成）、unknown（暂无预测）。")]
    public YearEndOutlook Outlook { get; init; }

    [Description("outlook 的中文。")]
    public required string OutlookName { get; init; }

    [Description("未报送（与灯分开标记）。")]
    public bool NotReported { get; init; }

    [Description("最新报送的截至日期。")]
    public DateOnly? ReportedAsOf { get; init; }

    public static WhatIfSideView From(WhatIfSide side)
    {
        var e = side.Evaluation;
        return new WhatIfSideView
        {
            AnnualTarget = e.AnnualTarget,
            Actual = e.Actual,
            Expected = e.Expected,
            CompletionRate = e.CompletionRate,
            ScheduleRate = e.ScheduleRate,
            ScheduleDate = e.ScheduleDate,
            GapPoints = e.GapPoints,
            Shortfall = side.Shortfall,
            Light = e.Light.ToString().ToLowerInvariant(),
            Explanation = side.Explanation,
            Forecast = e.Forecast is { } f ? new ForecastRange { Value = f.Value, Low = f.Low, High = f.High } : null,
            Outlook = side.Outlook,
            OutlookName = WhatIfCalculator.OutlookName(side.Outlook),
            NotReported = e.NotReported,
            ReportedAsOf = e.ReportedAsOf,
        };
    }
}
