using System.Collections.Immutable;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace KejiLive.Dashboard.OpenApi;

// POST /api/targets/{target}/whatif (and .xlsx, .md). Read by WhatIf.WhatIfRequest; keep the two in step.
[Description("调剂方案：把调出单位的一部分年度目标（或其当前差额）调给承接单位。只测算，不改变计划。未列出的字段会被拒绝。")]
public sealed record WhatIfBody
{
    [Description("调出单位代码。")]
    public required string From { get; init; }

    [Description("调出数量（目标的计量单位，大于 0，不超过该单位年度目标）；省略时为该单位当前差额（应完成 − 累计完成，按项计的向上取整）。")]
    public decimal? Amount { get; init; }

    [Description("承接单位，1 到 50 个，各填 amount 或 share 之一。"), MinLength(1), MaxLength(50)]
    public required ImmutableArray<WhatIfMoveBody> To { get; init; }

    [Description("是否改变全市总量。默认 false：承接合计须等于调出数量（调剂）；true：按承接合计调整全市目标（调减或调增）。")]
    public bool? ChangesCityTotal { get; init; }
}

[Description("一个承接单位。")]
public sealed record WhatIfMoveBody
{
    [Description("承接单位代码。")]
    public required string Unit { get; init; }

    [Description("承接数量（不小于 0）。")]
    public decimal? Amount { get; init; }

    [Description("承接比例，0 到 1（占调出数量）。"), Range(0, 1)]
    public decimal? Share { get; init; }
}
