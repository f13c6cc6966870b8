namespace KejiLive.Grains.Abstractions.Alerts;

/// <summary>Which 督办 to list and how. Null filters match all. <see cref="State"/> is a state or <c>live</c> (open and
/// acknowledged); <see cref="Order"/> is <c>changed</c> (newest change first, the API's default) or <c>urgent</c>
/// (live first, then red, orange, yellow, then oldest opened first); <see cref="Limit"/> null lists all from
/// <see cref="Offset"/>.</summary>
[GenerateSerializer, Alias("keji.alert-page-query")]
public sealed record AlertPageQuery
{
    [Id(0)] public string? Unit { get; init; }
    [Id(1)] public string? Target { get; init; }
    [Id(2)] public string? State { get; init; }
    [Id(3)] public string? Severity { get; init; }
    [Id(4)] public string Order { get; init; } = AlertOrders.Changed;
    [Id(5)] public int Offset { get; init; }
    [Id(6)] public int? Limit { get; init; }
}

/// <summary>The orders of <see cref="AlertPageQuery.Order"/>.</summary>
public static class AlertOrders
{
    /// <summary>Newest change first (ties by id).</summary>
    public const string Changed = "changed";

    /// <summary>Most urgent first: live before resolved and closed, then by severity (red, orange, yellow), then the
    /// oldest opened first (ties by id).</summary>
    public const string Urgent = "urgent";
}
