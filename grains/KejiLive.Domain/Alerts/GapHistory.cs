using System.Collections.Immutable;

namespace KejiLive.Domain.Alerts;

/// <summary>A short, compact history of 较序时 that a grain keeps per target × unit for the falling-fast rule: at most
/// one sample per Shanghai date (the latest judgement of the day wins), ascending by date, only the last
/// <see cref="AlertSettings.HistoryDays"/> days (6 weeks with the defaults: ≤ 42 samples).</summary>
public sealed record GapHistory(ImmutableArray<GapSample> Samples)
{
    public static GapHistory Empty { get; } = new(ImmutableArray<GapSample>.Empty);

    /// <summary>The history with the day's sample set (replacing an earlier one of the same date) and samples older
    /// than <paramref name="keepDays"/> days before <paramref name="date"/> dropped. A date older than the newest sample
    /// (a re-judged past instant) is ignored: history only moves forward.</summary>
    public GapHistory Record(DateOnly date, double gapPoints, int keepDays)
    {
        var samples = Samples.IsDefault ? [] : Samples;
        if (!samples.IsEmpty && date < samples[^1].Date) return this;
        var cutoff = date.AddDays(-keepDays);
        var b = ImmutableArray.CreateBuilder<GapSample>(samples.Length + 1);
        foreach (var s in samples)
        {
            if (s.Date >= cutoff && s.Date != date) b.Add(s);
        }
        b.Add(new GapSample(date, gapPoints));
        return new GapHistory(b.ToImmutable());
    }

    /// <summary>The newest sample on or before <paramref name="date"/>, or null.</summary>
    public GapSample? AtOrBefore(DateOnly date)
    {
        if (Samples.IsDefault) return null;
        GapSample? found = null;
        foreach (var s in Samples)
        {
            if (s.Date > date) break;
            found = s;
        }
        return found;
    }
}
