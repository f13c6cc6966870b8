namespace KejiLive.Domain.Progress;

/// <summary>Minimum dwell time on every light: a light changes at most once in <see cref="Days"/> days, unless the change
/// crosses two bands (green ↔ red). Changes from or to grey (nothing to judge) are never held.</summary>
public static class LightDwell
{
    /// <summary>The dwell time in days.</summary>
    public const int Days = 14;

    /// <summary>The light to show: <paramref name="candidate"/>, or the previous light while it has been shown for less than
    /// <see cref="Days"/> days and the change is by one band; with the since-time of the light shown.</summary>
    public static (Light Light, DateTimeOffset? Since, bool Held) Apply(Light candidate, PreviousLight previous, DateTimeOffset now)
    {
        if (candidate == previous.Light) return (candidate, previous.Since, false);
        if (previous.Since is not { } since || candidate == Light.Grey || previous.Light == Light.Grey) return (candidate, now, false);
        if (Math.Abs(Band(candidate) - Band(previous.Light)) >= 2) return (candidate, now, false);
        return now - since < TimeSpan.FromDays(Days) ? (previous.Light, since, true) : (candidate, now, false);
    }

    private static int Band(Light light) => light switch
    {
        Light.Green => 0,
        Light.Yellow => 1,
        Light.Red => 2,
        _ => -10,
    };
}
