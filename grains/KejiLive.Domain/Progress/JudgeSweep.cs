using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>One pass of judging every target × unit of the plan, taken in bounded batches so that no single call has to
/// finish the whole plan (2,850 units × the main targets is ~45k pairs). The position is a plain count over
/// <see cref="Pairs"/> (a fixed order), stored after every batch, so a sweep a crash interrupted resumes where it stopped
/// instead of starting again; the fingerprint tells a resumed sweep that the plan it counted over is still the same.</summary>
/// <param name="Total">Pairs in the plan.</param>
/// <param name="Done">Pairs judged so far, 0 ≤ Done ≤ Total.</param>
/// <param name="StartedAt">When the sweep began (plan clock).</param>
/// <param name="PlanFingerprint">SHA-256 of the pair list the sweep counts over.</param>
public sealed record JudgeSweep(int Total, int Done, DateTimeOffset StartedAt, string PlanFingerprint)
{
    /// <summary>True once every pair has been judged.</summary>
    public bool IsComplete => Done >= Total;

    /// <summary>Share done, 0 to 1 (1 for an empty plan).</summary>
    public double Fraction => Total == 0 ? 1 : (double)Done / Total;

    /// <summary>Every target × unit of the plan: targets in plan order, each target's units in its split's order.</summary>
    public static ImmutableArray<TargetUnit> Pairs(PlanDocument plan) =>
        [.. plan.Targets.SelectMany(t => t.Assignments.Select(a => new TargetUnit(t.Id, a.UnitId)))];

    /// <summary>SHA-256 (hex) of the pairs in order: another plan, or the same pairs in another order, differs.</summary>
    public static string Fingerprint(IReadOnlyList<TargetUnit> pairs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var p in pairs) hash.AppendData(Encoding.UTF8.GetBytes($"{p.Target}\u001f{p.Unit}\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A new sweep over <paramref name="pairs"/>, nothing judged yet.</summary>
    public static JudgeSweep Begin(IReadOnlyList<TargetUnit> pairs, DateTimeOffset now) => new(pairs.Count, 0, now, Fingerprint(pairs));

    /// <summary>The next batch: where it starts and how many pairs, at most <paramref name="batchSize"/> (0 when complete).</summary>
    public (int From, int Count) NextBatch(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return (Done, Math.Min(batchSize, Total - Done));
    }

    /// <summary>The sweep after <paramref name="count"/> more pairs were judged.</summary>
    public JudgeSweep Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (Done + count > Total) throw new ArgumentOutOfRangeException(nameof(count), $"{Done} + {count} judged is more than the {Total} pairs.");
        return this with { Done = Done + count };
    }

    /// <summary>True when this stored sweep can go on at <paramref name="now"/> over <paramref name="fingerprint"/>'s pairs:
    /// same plan, not done, and begun the same day in Asia/Shanghai — the pairs judged before a crash on an earlier day
    /// would keep an old day's 序时进度 until the next sweep, so such a sweep begins anew.</summary>
    public bool CanResume(string fingerprint, DateTimeOffset now) =>
        !IsComplete && string.Equals(fingerprint, PlanFingerprint, StringComparison.Ordinal)
        && ShanghaiTime.DateOf(StartedAt) == ShanghaiTime.DateOf(now);
}
