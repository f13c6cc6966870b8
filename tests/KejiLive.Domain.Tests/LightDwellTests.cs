using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

/// <summary>Issue 17's minimum dwell time: a light changes by one band at most once in 14 days; a change across two bands
/// (green ↔ red) and any change from or to grey shows at once.</summary>
public sealed class LightDwellTests
{
    private static readonly DateTimeOffset Now = Fx.At("2025-07-20");

    [Theory]
    // candidate, previous light, days since it showed (-1: unknown), light shown, held
    [InlineData(Light.Yellow, Light.Green, 3, Light.Green, true)]
    [InlineData(Light.Yellow, Light.Green, 13, Light.Green, true)]
    [InlineData(Light.Yellow, Light.Green, 14, Light.Yellow, false)]
    [InlineData(Light.Green, Light.Yellow, 1, Light.Yellow, true)]
    [InlineData(Light.Red, Light.Yellow, 1, Light.Yellow, true)]
    [InlineData(Light.Red, Light.Green, 1, Light.Red, false)] // two bands: at once
    [InlineData(Light.Green, Light.Red, 1, Light.Green, false)]
    [InlineData(Light.Green, Light.Grey, 1, Light.Green, false)] // from grey: at once
    [InlineData(Light.Grey, Light.Yellow, 1, Light.Grey, false)] // to grey: at once
    [InlineData(Light.Yellow, Light.Green, -1, Light.Yellow, false)] // since unknown (older summaries): not held
    [InlineData(Light.Green, Light.Green, 2, Light.Green, false)]
    public void Apply_HoldsOneBandChangesForTheDwellTime(Light candidate, Light previous, int daysAgo, Light shown, bool held)
    {
        DateTimeOffset? since = daysAgo < 0 ? null : Now.AddDays(-daysAgo);
        var (light, shownSince, wasHeld) = LightDwell.Apply(candidate, new PreviousLight(previous, since), Now);

        Assert.Equal((shown, held), (light, wasHeld));
        Assert.Equal(light == previous && since is not null ? since : Now, shownSince);
    }

    [Fact]
    public void Evaluate_HeldLight_SaysHowLongAndSince()
    {
        // hi-tech × 360702 (40, linear, monthly; yellow 5): 20 at 30 Jun is green; yellow since 10 Jul is held there.
        var plan = PlanJson.Load();
        var target = plan.FindTarget("hi-tech")!;
        var e = TargetEvaluator.Evaluate(plan, target, target.AssignmentFor("360702")!, [Fx.R("2025-06-30", 20)], Now,
            new PreviousLight(Light.Yellow, Fx.At("2025-07-10")));

        Assert.Equal(Light.Yellow, e.Light);
        Assert.Equal("灯色14天内至多变化一次（跨两档除外），7月10日起保持黄灯。", e.Explanation);
        Assert.Equal(LightBasis.Held, e.ExplanationCode);
    }
}
