using System.Collections.Immutable;

namespace KejiLive.Domain.Items;

/// <summary>The rules of an item list of one target, over its claims in the order they were made: a unit's count is
/// its claims of keys no other unit claimed earlier; a key claimed by two or more units is a duplicate, counted once.</summary>
public static class ItemLedger
{
    /// <summary>The claims <paramref name="items"/> add for <paramref name="unitId"/>: one per key the unit has not
    /// claimed yet (repeats, also within <paramref name="items"/>, add nothing), in the given order.</summary>
    public static ImmutableArray<ItemClaim> NewClaims(IReadOnlyList<ItemClaim> claims, string unitId, IEnumerable<ItemInput> items,
        DateOnly asOf, DateTimeOffset at, string submittedBy, string source)
    {
        var held = claims.Where(c => c.UnitId == unitId).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var added = ImmutableArray.CreateBuilder<ItemClaim>();
        foreach (var item in items)
        {
            var key = ItemKeys.Key(item);
            if (!held.Add(key)) continue;
            var number = ItemKeys.NormalizeNumber(item.RegistrationNumber) is null ? null : item.RegistrationNumber!.Trim();
            added.Add(new ItemClaim(key, unitId, item.Name.Trim(), number, asOf, at, submittedBy, source));
        }
        return added.ToImmutable();
    }

    /// <summary>The unit that counts each key: its first claimant.</summary>
    public static IReadOnlyDictionary<string, string> Owners(IReadOnlyList<ItemClaim> claims)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in claims) owners.TryAdd(c.Key, c.UnitId);
        return owners;
    }

    /// <summary>The unit's count: its claims of keys it claimed first.</summary>
    public static int CountFor(IReadOnlyList<ItemClaim> claims, string unitId)
    {
        var owners = Owners(claims);
        return claims.Count(c => c.UnitId == unitId && owners[c.Key] == unitId);
    }

    /// <summary>Every key claimed by more than one unit, in the order they became duplicates.</summary>
    public static ImmutableArray<ItemDuplicate> Duplicates(IReadOnlyList<ItemClaim> claims) =>
        [.. claims.GroupBy(c => c.Key, StringComparer.Ordinal)
            .Where(g => g.Select(c => c.UnitId).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(g =>
            {
                var first = g.First();
                var others = g.Select(c => c.UnitId).Where(u => u != first.UnitId).Distinct(StringComparer.Ordinal).ToImmutableArray();
                var flagged = g.First(c => c.UnitId != first.UnitId).ClaimedAt;
                return new ItemDuplicate(g.Key, first.Name, first.RegistrationNumber, first.UnitId, others, flagged);
            })
            .OrderBy(d => d.FlaggedAt)];
}
