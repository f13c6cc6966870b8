namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>一期统计数据对多数单位迟发: the city's one notice instead of a 未报送 per unit (issue 17's inhibition). The units
/// still missing the figure are judged on the figures they have until most units report it.</summary>
[GenerateSerializer, Alias("keji.late-release")]
public sealed record LateReleaseNotice
{
    /// <summary>The end of the reporting period whose figure most units have not reported.</summary>
    [Id(0)] public DateOnly PeriodEnd { get; init; }

    /// <summary>The statistics calendar's release date for that period.</summary>
    [Id(1)] public DateOnly Release { get; init; }

    /// <summary>Units that have not reported it.</summary>
    [Id(2)] public int Missing { get; init; }

    /// <summary>Units counted (overlays excluded).</summary>
    [Id(3)] public int Units { get; init; }

    /// <summary>The notice in Chinese, e.g. "第三季度统计数据尚未发布：已过10月15日发布日10天，…".</summary>
    [Id(4)] public required string Message { get; init; }
}
