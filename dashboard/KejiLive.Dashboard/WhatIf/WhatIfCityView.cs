using System.ComponentModel;

namespace KejiLive.Dashboard.WhatIf;

[Description("全市汇总的调剂前后（全市灯按全市合计判断，不取最差单位）。")]
public sealed record WhatIfCityView
{
    public required WhatIfSideView Before { get; init; }

    public required WhatIfSideView After { get; init; }

    [Description("调剂前红灯单位数。")]
    public int UnitsRedBefore { get; init; }

    [Description("调剂后红灯单位数。")]
    public int UnitsRedAfter { get; init; }
}
