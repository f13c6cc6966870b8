namespace KejiLive.Domain.Planning;

/// <summary>A dated step of a platform, pilot base or key measure, e.g. 落地运行 by 2025-09-30.</summary>
public sealed record Milestone(string Id, string Name, DateOnly Due);
