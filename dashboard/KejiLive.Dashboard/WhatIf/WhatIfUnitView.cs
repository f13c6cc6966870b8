using System.ComponentModel;

namespace KejiLive.Dashboard.WhatIf;

[Description("方案涉及的一个单位：调整量（调出为负）与调剂前后。")]
public sealed record WhatIfUnitView
{
    [Description("单位代码。")]
    public required string Unit { get; init; }

    [Description("单位名称。")]
    public required string UnitName { get; init; }

    [Description("年度目标的调整量（调出为负）。")]
    public double Change { get; init; }

    public required WhatIfSideView Before { get; init; }

    public required WhatIfSideView After { get; init; }
}
