using KejiLive.Domain.Calendar;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Demo;

/// <summary>A light change made less than <see cref="QuickChange.WeekDays"/> Shanghai calendar days after the previous
/// change of the same target × unit, by one band (green ↔ yellow, yellow ↔ red) or from or to grey: the issue's "a
/// unit's light changes at most once a week unless it crosses two bands" counts each of these as a breach.</summary>
/// <param name="PreviousAt">When the previous change was made.</param>
/// <param name="Days">Shanghai calendar days between the two changes (0: the same day).</param>
public sealed record QuickChange(
    string TargetId,
    string UnitId,
    Light From,
    Light To,
    DateTimeOffset PreviousAt,
    DateTimeOffset At,
    int Days)
{
    /// <summary>A change this many days or more after the previous one is not quick.</summary>
    public const int WeekDays = 7;

    /// <summary>The quick changes among one target × unit's light changes, in order: every change but the first whose
    /// day is under <see cref="WeekDays"/> days after the previous change's, unless it goes green ↔ red.</summary>
    public static IEnumerable<QuickChange> Find(string targetId, string unitId, IReadOnlyList<(DateTimeOffset At, Light From, Light To)> changes)
    {
        for (var i = 1; i < changes.Count; i++)
        {
            var (previous, change) = (changes[i - 1], changes[i]);
            var days = ShanghaiTime.DateOf(change.At).DayNumber - ShanghaiTime.DateOf(previous.At).DayNumber;
            if (days >= WeekDays || CrossesTwoBands(change.From, change.To)) continue;
            yield return new QuickChange(targetId, unitId, change.From, change.To, previous.At, change.At, days);
        }
    }

    private static bool CrossesTwoBands(Light from, Light to) =>
        (from, to) is (Light.Green, Light.Red) or (Light.Red, Light.Green);
}
