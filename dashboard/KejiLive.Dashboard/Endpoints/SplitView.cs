namespace KejiLive.Dashboard.Endpoints;

/// <summary>A unit's share of a target; <paramref name="BaselineTotal"/> is last year's total for growth targets.</summary>
public sealed record SplitView(string Unit, double Target, string Office, double? BaselineTotal);
