using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace KejiLive.Grains.Delivery;

/// <summary>Exponential retry delays: base × 2^(attempt−1), capped, optionally shortened by a jitter drawn from the
/// message key and attempt (reproducible, and spread over messages).</summary>
public static class Backoff
{
    /// <param name="attempt">The failed attempt, from 1.</param>
    /// <param name="jitter">0 for none; 0.2 takes up to 20 % off.</param>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double jitter = 0, string seed = "")
    {
        if (attempt < 1) return TimeSpan.Zero;
        var raw = attempt > 40 ? maxDelay : TimeSpan.FromTicks((long)Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, attempt - 1)));
        if (jitter <= 0) return raw;
        var share = Math.Clamp(jitter, 0, 1) * Unit(seed, attempt);
        return TimeSpan.FromTicks((long)(raw.Ticks * (1 - share)));
    }

    /// <summary>A number in [0, 1) fixed by seed and attempt.</summary>
    public static double Unit(string seed, int attempt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}#{attempt}"));
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) / (double)(1UL << 53);
    }
}
