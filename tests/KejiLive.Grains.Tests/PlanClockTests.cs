using KejiLive.Grains.Abstractions.Time;
using Microsoft.Extensions.Time.Testing;

namespace KejiLive.Grains.Tests;

public sealed class PlanClockTests
{
    private static readonly DateTimeOffset Real = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Pinned = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Now_WhenPinnedAndSpedUp_StartsAtThePinAndRunsFaster()
    {
        var host = new FakeTimeProvider(Real);
        var clock = new PlanClock(host, Pinned, speed: 60);
        Assert.Equal(Pinned, clock.GetUtcNow());

        host.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(Pinned + TimeSpan.FromMinutes(90), clock.GetUtcNow());
    }

    [Fact]
    public void Now_WhenNotPinned_FollowsTheHostClock()
    {
        var host = new FakeTimeProvider(Real);
        var clock = new PlanClock(host);
        host.Advance(TimeSpan.FromHours(3));
        Assert.Equal(Real + TimeSpan.FromHours(3), clock.GetUtcNow());
    }

    [Theory]
    [InlineData(1, 3600, 3600)]
    [InlineData(60, 3600, 60)]
    [InlineData(3600, 3600, 1)]
    [InlineData(2, -5, 0)]
    public void ToRealDelay_DividesPlanTimeBySpeed(double speed, double planSeconds, double realSeconds)
    {
        var clock = new PlanClock(new FakeTimeProvider(Real), Pinned, speed);
        Assert.Equal(TimeSpan.FromSeconds(realSeconds), clock.ToRealDelay(TimeSpan.FromSeconds(planSeconds)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Create_WhenSpeedIsNotPositive_Refuses(double speed)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PlanClock(TimeProvider.System, null, speed));
        Assert.Contains("Clock:Speed", e.Message, StringComparison.Ordinal);
    }
}
