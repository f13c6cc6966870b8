namespace KejiLive.Grains.Abstractions.Time;

/// <summary>The system's notion of "now": the host's clock, optionally pinned to a start instant (<c>Clock:Now</c>) and
/// run faster (<c>Clock:Speed</c>) for demos, replays and checks. Everything that judges progress reads this clock;
/// timers convert plan time to real waiting time with <see cref="ToRealDelay"/>.</summary>
public sealed class PlanClock : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly DateTimeOffset _realStart;
    private readonly DateTimeOffset _planStart;

    /// <param name="inner">The host clock (the system clock, or a fake one in tests).</param>
    /// <param name="pinnedNow">Plan time at start; null to follow the host clock.</param>
    /// <param name="speed">Plan seconds per real second; must be positive.</param>
    public PlanClock(TimeProvider inner, DateTimeOffset? pinnedNow = null, double speed = 1)
    {
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Clock:Speed must be a positive number.");
        }
        _inner = inner;
        Speed = speed;
        _realStart = inner.GetUtcNow();
        _planStart = pinnedNow ?? _realStart;
    }

    /// <summary>Plan seconds per real second.</summary>
    public double Speed { get; }

    public override DateTimeOffset GetUtcNow()
    {
        var real = _inner.GetUtcNow() - _realStart;
        return (_planStart + TimeSpan.FromTicks((long)(real.Ticks * Speed))).ToUniversalTime();
    }

    /// <summary>How long to wait on the host clock for <paramref name="planDelay"/> of plan time to pass.</summary>
    public TimeSpan ToRealDelay(TimeSpan planDelay)
    {
        if (planDelay <= TimeSpan.Zero) return TimeSpan.Zero;
        var ticks = Math.Ceiling(planDelay.Ticks / Speed);
        return TimeSpan.FromTicks((long)Math.Max(ticks, TimeSpan.TicksPerMillisecond));
    }
}
