using System.Collections.Immutable;

namespace KejiLive.Domain.Planning;

/// <summary>Who hears of 督办, as plan data: contact point ids (their addresses and secrets are configuration, never
/// plan data) for each unit's own notices, for escalations to the leaders in charge, and for the city office.</summary>
public sealed record PlanRoutes(
    ImmutableDictionary<string, ImmutableArray<string>> Units,
    ImmutableArray<string> Leader,
    ImmutableArray<string> City)
{
    public static PlanRoutes None { get; } = new(ImmutableDictionary<string, ImmutableArray<string>>.Empty, [], []);
}
