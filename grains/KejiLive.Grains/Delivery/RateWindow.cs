using System.Collections.Immutable;

namespace KejiLive.Grains.Delivery;

/// <summary>A rolling-window rate limit over the times of accepted sends: at most <c>limit</c> in any
/// <c>window</c>; a limit of 0 means unlimited.</summary>
public static class RateWindow
{
    public static ImmutableArray<DateTimeOffset> Prune(ImmutableArray<DateTimeOffset> sends, DateTimeOffset now, TimeSpan window) =>
        sends.IsDefaultOrEmpty ? [] : [.. sends.Where(t => t > now - window).Order()];

    public static int Remaining(ImmutableArray<DateTimeOffset> sends, DateTimeOffset now, int limit, TimeSpan window) =>
        limit <= 0 ? int.MaxValue : Math.Max(0, limit - Prune(sends, now, window).Length);

    /// <summary>When the next send is allowed: now if there is room, else when enough sends have left the window.</summary>
    public static DateTimeOffset NextSlotAt(ImmutableArray<DateTimeOffset> sends, DateTimeOffset now, int limit, TimeSpan window)
    {
        if (Remaining(sends, now, limit, window) > 0) return now;
        var inWindow = Prune(sends, now, window);
        return inWindow[inWindow.Length - limit] + window;
    }

    /// <summary>Records a send and drops times that left the window.</summary>
    public static ImmutableArray<DateTimeOffset> Record(ImmutableArray<DateTimeOffset> sends, DateTimeOffset at, TimeSpan window) =>
        Prune(sends.IsDefault ? [at] : sends.Add(at), at, window);
}
