namespace KejiLive.Benchmarks;

/// <summary>The storage's own rate for what a report writes: a grain call that appends one report-sized row and its
/// audit entry to the report log in one commit — TargetGrain's storage work without the domain or the publication.</summary>
public interface IBenchAppendGrain : IGrainWithIntegerKey
{
    Task AppendAsync();
}
