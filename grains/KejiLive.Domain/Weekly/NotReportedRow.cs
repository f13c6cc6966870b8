using System.Collections.Immutable;

namespace KejiLive.Domain.Weekly;

/// <summary>A unit flagged 未报送 at the week's end: the targets it is late on and its newest report among them.</summary>
/// <param name="Targets">Names of the targets it is late on, in plan order.</param>
/// <param name="LastReportedAsOf">The newest AsOf among those targets, or null when it never reported them.</param>
public sealed record NotReportedRow(string UnitId, string UnitName, ImmutableArray<string> Targets, DateOnly? LastReportedAsOf);
