namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>One dated step of a platform or measure and where it stands.</summary>
[GenerateSerializer, Alias("keji.milestone-line")]
public sealed record MilestoneLine
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public DateOnly Due { get; init; }
    [Id(3)] public bool Done { get; init; }

    /// <summary>Days past due while not done (0 when done or not yet due).</summary>
    [Id(4)] public int DaysOverdue { get; init; }
}
