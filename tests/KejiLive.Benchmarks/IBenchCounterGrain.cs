namespace KejiLive.Benchmarks;

/// <summary>The bare rate to compare against: a grain call that does one durable write to the same storage.</summary>
public interface IBenchCounterGrain : IGrainWithIntegerKey
{
    Task<long> IncrementAsync();
}
