namespace KejiLive.Domain.Progress;

/// <summary>Stable machine-readable codes for the kind of a light's 判灯依据 (<see cref="TargetEvaluation.ExplanationCode"/>
/// beside the sentence <see cref="TargetEvaluation.Explanation"/>): a page picks its badge from the code and shows the
/// sentence as it is, so rewording a sentence never changes a badge. Codes are part of the API: never rename one.
/// Where a sentence joins two reasons (a verdict, then the 未报送 rule), the code names the one that decided the light.</summary>
public static class LightBasis
{
    /// <summary>较序时 read against the target's thresholds at the 序时进度 date (the plain case).</summary>
    public const string Gap = "gap";

    /// <summary>The light keeps for <see cref="LightDwell.Days"/> days unless it crosses two bands (灯色保持).</summary>
    public const string Held = "held";

    /// <summary>A small-number target judged item by item, each against its due date and grace days (按整项判断).</summary>
    public const string WholeItems = "whole-items";

    /// <summary>较序时 judged in whole items, or counting the item under way as half (按整项计).</summary>
    public const string ItemCount = "item-count";

    /// <summary>Red because the year-end forecast's whole range misses the target (预计难完成).</summary>
    public const string WillMiss = "will-miss";

    /// <summary>Not yellow because the newest figure's pace would reach the target (近期追赶).</summary>
    public const string CatchingUp = "catching-up";

    /// <summary>The plan steps before the figure that would show it is released: not red before then (数据未发布).</summary>
    public const string ReleasePending = "release-pending";

    /// <summary>未报送 is flagged apart; a missing figure alone does not make the light red (缺报不判红).</summary>
    public const string NotReported = "not-reported";

    /// <summary>Nothing reported yet: grey, never zero progress.</summary>
    public const string NoData = "no-data";

    /// <summary>A milestone node's due date, report deadline and grace days.</summary>
    public const string Milestone = "milestone";

    /// <summary>The plan year is over and a milestone is not reported done.</summary>
    public const string YearOver = "year-over";

    /// <summary>A city light judged on the whole items its units owe (<see cref="CityLight"/>).</summary>
    public const string CityItems = "city-items";

    /// <summary>A city far behind but not red because none of its units is red (<see cref="CityLight"/>).</summary>
    public const string CityNotRed = "city-not-red";

    /// <summary>The code of a sentence with the 未报送 rule appended: the verdict's own when it names a specific reason,
    /// else <see cref="NotReported"/>.</summary>
    public static string WithNotReported(string? verdict) => verdict is null or Gap ? NotReported : verdict;
}
