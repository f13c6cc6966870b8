using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Items;

namespace KejiLive.Dashboard.Filling;

/// <summary>One row of a unit's template: the target, the unit's share, what it reported last, and (count targets)
/// the items it has listed so far.</summary>
public sealed record TemplateTarget(
    TargetDefinition Target,
    Assignment Assignment,
    double? LastValue,
    DateOnly? LastAsOf,
    IReadOnlyList<ItemView> Items);
