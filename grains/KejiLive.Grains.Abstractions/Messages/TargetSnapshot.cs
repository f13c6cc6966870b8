namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>A target × unit as judged at <see cref="JudgedAt"/>. The JSON shape of the HTTP contract
/// (<c>GET /api/targets/{target}/{unit}</c>) without the history. Rates are fractions; <see cref="GapPoints"/> is in
/// percentage points; <see cref="Light"/> is green | yellow | red | grey.</summary>
/// <remarks><c>[Immutable]</c> (as the report messages around it): every member is a value, a string or an immutable
/// record, so a grain call within the silo hands the same instance on instead of deep-copying it (a judgement reaches
/// its alerts grain, the city, the unit and the wall).</remarks>
[GenerateSerializer, Immutable, Alias("keji.target-snapshot")]
public sealed record TargetSnapshot
{
    [Id(0)] public required string Target { get; init; }
    [Id(1)] public required string Unit { get; init; }
    [Id(2)] public double AnnualTarget { get; init; }
    [Id(3)] public double? Stretch { get; init; }
    [Id(4)] public double Actual { get; init; }
    [Id(5)] public double Expected { get; init; }
    [Id(6)] public double CompletionRate { get; init; }
    [Id(7)] public double ScheduleRate { get; init; }
    [Id(8)] public double GapPoints { get; init; }
    [Id(9)] public required string Light { get; init; }
    [Id(10)] public bool NotReported { get; init; }
    [Id(11)] public DateOnly? ReportedAsOf { get; init; }
    [Id(12)] public ForecastRange? Forecast { get; init; }
    [Id(13)] public double? RequiredPerMonth { get; init; }
    [Id(14)] public bool WillMiss { get; init; }
    [Id(15)] public int DaysOverdue { get; init; }
    [Id(16)] public double? Numerator { get; init; }
    [Id(17)] public double? Denominator { get; init; }
    [Id(18)] public DateTimeOffset JudgedAt { get; init; }

    /// <summary>Number of reports accepted for this target × unit (corrections included).</summary>
    [Id(19)] public int ReportCount { get; init; }

    /// <summary>When the newest report of this target × unit arrived (the wall's 数据截至), or null.</summary>
    [Id(20)] public DateTimeOffset? LastReceivedAt { get; init; }

    /// <summary>待核实: the value judged rests on a report awaiting the city office's confirmation (far outside the
    /// unit's history). The light shows it; the lag alerts do not open or move from it.</summary>
    [Id(21)] public bool PendingReview { get; init; }

    /// <summary>How many of this target × unit's reports await confirmation.</summary>
    [Id(22)] public int PendingReviews { get; init; }

    /// <summary>The date <see cref="Expected"/>, <see cref="ScheduleRate"/> and <see cref="GapPoints"/> were read off the
    /// plan curve at: 序时进度（截至 this date）. The newest figure's AsOf for counts, ranges and growth targets while the
    /// unit is not 未报送, else the Shanghai date of <see cref="JudgedAt"/>; for a city roll-up, the earliest of its units'.</summary>
    [Id(23)] public DateOnly ScheduleDate { get; init; }

    /// <summary>For a city roll-up: how many of its counted units' own lights are red (shown beside the city's light,
    /// which follows the city's 序时进度 alone); null for a unit.</summary>
    [Id(24)] public int? UnitsRed { get; init; }

    /// <summary>Why the light is what it is, in one Chinese sentence (e.g. "第三季度数据10月中旬发布，此前不判红"); null for
    /// roll-ups and kinds without one.</summary>
    [Id(25)] public string? Explanation { get; init; }

    /// <summary>How the year-end <see cref="Forecast"/> was made, in one Chinese sentence (预计依据); null without a
    /// forecast and for roll-ups.</summary>
    [Id(26)] public string? ForecastBasis { get; init; }

    /// <summary>The pace of the pair's own newest figures (1 = on plan), which its unit grain lends to the unit's other
    /// targets (issue 17: a unit catching up); null without evidence of its own, for ratios, ranks, milestones and roll-ups.</summary>
    [Id(27)] public double? Pace { get; init; }

    /// <summary>The pace of its last quarter or so (<see cref="Pace"/>'s companion); null without a figure that far back.</summary>
    [Id(28)] public double? RecentPace { get; init; }

    /// <summary>The kind of <see cref="Explanation"/> as a stable code (<see cref="Domain.Progress.LightBasis"/>: held,
    /// whole-items, not-reported, …), which a page picks its badge from; null without an explanation, and in a snapshot
    /// from a build before the field (a new id: older payloads read it as null).</summary>
    [Id(29)] public string? ExplanationCode { get; init; }

    /// <summary>A city whose units are read at different dates: the latest (<see cref="ScheduleDate"/> is the earliest),
    /// for "序时进度（各单位截至 8月31日—9月30日）"; null when all are read at one date, and for a unit.</summary>
    [Id(30)] public DateOnly? ScheduleDateLatest { get; init; }

    /// <summary>临期: the unit's next item or milestone node not done falls due within 30 days (a node
    /// within 14; it never moves the light);
    /// null otherwise, and for a city roll-up of summed units (milestone and rank cities carry their owner's).</summary>
    [Id(31)] public DueSoonNotice? DueSoon { get; init; }

    /// <summary>For a city roll-up of counts and ranges: how many of its counted units are 临期 (<see cref="DueSoon"/>);
    /// null for a unit and for milestone and rank cities.</summary>
    [Id(32)] public int? UnitsDueSoon { get; init; }

    /// <summary>The pace as the domain lends it (<see cref="Domain.Progress.UnitPace.Borrow"/>); null without one. A method,
    /// so neither Orleans nor the API's JSON carries it twice.</summary>
    public Domain.Progress.OwnPace? ToOwnPace() => Pace is { } pace ? new Domain.Progress.OwnPace(Target, pace, RecentPace) : null;
}
