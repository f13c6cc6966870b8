namespace KejiLive.Grains.Abstractions.Alerts;

/// <summary>The 督办 of a query counted: by state over the unit and target filters (whatever the state filter), by
/// severity over what the query lists (every filter), and <see cref="Escalated"/> (escalated, not yet closed) over the
/// unit and target filters.</summary>
[GenerateSerializer, Alias("keji.alert-counts")]
public sealed record AlertCounts
{
    [Id(0)] public int Open { get; init; }
    [Id(1)] public int Acknowledged { get; init; }
    [Id(2)] public int Resolved { get; init; }
    [Id(3)] public int Closed { get; init; }
    [Id(4)] public int Red { get; init; }
    [Id(5)] public int Orange { get; init; }
    [Id(6)] public int Yellow { get; init; }
    [Id(7)] public int Escalated { get; init; }
}
