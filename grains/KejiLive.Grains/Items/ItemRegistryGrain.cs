using System.Collections.Immutable;
using KejiLive.Domain.Items;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Delivery;
using KejiLive.Grains.Abstractions.Items;
using KejiLive.Grains.Abstractions.Time;
using KejiLive.Grains.Alerts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KejiLive.Grains.Items;

/// <summary>The items behind one count target. Load state, call <see cref="ItemLedger"/>, persist, notify.</summary>
public sealed class ItemRegistryGrain(
    [PersistentState("items", StorageNames.Keji)] IPersistentState<ItemRegistryState> state,
    PlanDocument plan,
    PlanClock clock,
    IOptions<AlertRoutingOptions> routing,
    ILogger<ItemRegistryGrain> logger) : Grain, IItemRegistryGrain
{
    private TargetDefinition _target = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        _target = plan.FindTarget(id) ?? throw new InvalidOperationException($"Target '{id}' is not in plan '{plan.Id}'.");
        if (_target.Kind != TargetKind.Count) throw new InvalidOperationException($"Target '{id}' is not a count: it carries no items.");
        return Task.CompletedTask;
    }

    public Task<ItemTally> PreviewAsync(ItemClaimBatch batch)
    {
        Check(batch);
        var claims = Claims();
        var added = ItemLedger.NewClaims(claims, batch.Unit, Inputs(batch), batch.AsOf, clock.GetUtcNow(), batch.SubmittedBy, batch.Source);
        return Task.FromResult(Tally(claims.AddRange(added), batch.Unit, added.Length));
    }

    public async Task<ItemTally> ClaimAsync(ItemClaimBatch batch)
    {
        Check(batch);
        var now = clock.GetUtcNow();
        var claims = Claims();
        var added = ItemLedger.NewClaims(claims, batch.Unit, Inputs(batch), batch.AsOf, now, batch.SubmittedBy, batch.Source);
        if (added.IsEmpty) return Tally(claims, batch.Unit, 0);

        var all = claims.AddRange(added);
        var fresh = ItemLedger.Duplicates(all)
            .SelectMany(d => d.OtherUnits.Select(u => (Duplicate: d, Unit: u)))
            .Where(x => !state.State.Announced.Contains(Announcement(x.Duplicate.Key, x.Unit)))
            .ToList();
        var previous = state.State;
        state.State = previous with
        {
            Claims = previous.Claims.AddRange(added.Select(ToStored)),
            Announced = previous.Announced.AddRange(fresh.Select(x => Announcement(x.Duplicate.Key, x.Unit))),
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Nothing claimed unless stored: memory goes back as it was and the caller sees the failure.
            state.State = previous;
            throw;
        }
        // Stored first, then announced: the outbox stores each notice durably and drops a repeated key.
        foreach (var (duplicate, unit) in fresh) await AnnounceAsync(duplicate, unit, now);
        logger.LogDebug("{Count} item(s) claimed by {Unit} for {Target}; {Duplicates} new duplicate(s)", added.Length, batch.Unit, _target.Id, fresh.Count);
        return Tally(all, batch.Unit, added.Length);
    }

    public Task<ImmutableArray<ItemView>> GetItemsAsync(string unitId)
    {
        var claims = Claims();
        var owners = ItemLedger.Owners(claims);
        return Task.FromResult(claims.Where(c => c.UnitId == unitId).Select(c => View(c, owners)).ToImmutableArray());
    }

    public Task<ImmutableArray<DuplicateView>> GetDuplicatesAsync() =>
        Task.FromResult(ItemLedger.Duplicates(Claims()).Select(d => new DuplicateView
        {
            Target = _target.Id,
            Key = d.Key,
            Name = d.Name,
            RegistrationNumber = d.RegistrationNumber,
            CountedUnit = d.CountedUnit,
            OtherUnits = d.OtherUnits,
            FlaggedAt = d.FlaggedAt,
        }).ToImmutableArray());

    private void Check(ItemClaimBatch batch)
    {
        if (_target.AssignmentFor(batch.Unit) is null)
        {
            throw new ArgumentException($"Unit '{batch.Unit}' holds no share of target '{_target.Id}'.", nameof(batch));
        }
        foreach (var item in Inputs(batch))
        {
            if (ItemKeys.Problem(item) is { } problem) throw new ArgumentException($"Item '{item.Name}': {problem}", nameof(batch));
        }
    }

    private ItemTally Tally(ImmutableArray<ItemClaim> claims, string unitId, int added)
    {
        var owners = ItemLedger.Owners(claims);
        return new ItemTally
        {
            Target = _target.Id,
            Unit = unitId,
            Count = ItemLedger.CountFor(claims, unitId),
            Added = added,
            Duplicates = [.. claims.Where(c => c.UnitId == unitId && owners[c.Key] != unitId).Select(c => View(c, owners))],
        };
    }

    private async Task AnnounceAsync(ItemDuplicate duplicate, string unitId, DateTimeOffset now)
    {
        var counted = plan.FindUnit(duplicate.CountedUnit)?.Name ?? duplicate.CountedUnit;
        var other = plan.FindUnit(unitId)?.Name ?? unitId;
        var number = duplicate.RegistrationNumber is { } n ? $"（登记号 {n}）" : "";
        var link = $"{routing.Value.PublicUrl.TrimEnd('/')}/api/items/{_target.Id}/duplicates";
        var city = AlertRoutes.City(plan, routing.Value);
        if (city.Length == 0) logger.LogInformation("Cross-unit duplicate {Key} of {Target} ({Counted} / {Other}); no city route configured", duplicate.Key, _target.Id, counted, other);
        foreach (var contactPoint in city)
        {
            var outcome = await GrainFactory.GetGrain<IOutboxGrain>(contactPoint).EnqueueAsync(new Notification
            {
                IdempotencyKey = $"items/{_target.Id}/{duplicate.Key}/{unitId}@{contactPoint}",
                ContactPointId = contactPoint,
                Kind = NotificationKind.ItemDuplicate,
                Unit = "city",
                UnitName = "市科技局",
                Target = _target.Id,
                Title = $"【跨单位重复】{_target.Name}：{duplicate.Name} 被{counted}、{other}重复填报",
                Markdown = $"### 【跨单位重复】{_target.Name}\n> {duplicate.Name}{number} 已由**{counted}**填报并计入，**{other}**再次填报，未重复计数。\n> 请核实归属后通知相关单位。\n[查看跨单位重复清单]({link})",
                Link = link,
                CreatedAt = now,
            });
            if (outcome == EnqueueOutcome.Refused) logger.LogError("Outbox {ContactPoint} is full (Alerts:MaxPending): {Kind} notification refused", contactPoint, "ItemRegistryGrain");
        }
    }

    private ImmutableArray<ItemClaim> Claims() => [.. state.State.Claims.Select(c =>
        new ItemClaim(c.Key, c.Unit, c.Name, c.RegistrationNumber, c.AsOf, c.ClaimedAt, c.SubmittedBy, c.Source))];

    private static IEnumerable<ItemInput> Inputs(ItemClaimBatch batch) => batch.Items.Select(i => new ItemInput(i.Name, i.RegistrationNumber));

    private static StoredItemClaim ToStored(ItemClaim c) => new()
    {
        Key = c.Key,
        Unit = c.UnitId,
        Name = c.Name,
        RegistrationNumber = c.RegistrationNumber,
        AsOf = c.AsOf,
        ClaimedAt = c.ClaimedAt,
        SubmittedBy = c.SubmittedBy,
        Source = c.Source,
    };

    private ItemView View(ItemClaim c, IReadOnlyDictionary<string, string> owners) => new()
    {
        Target = _target.Id,
        Unit = c.UnitId,
        Name = c.Name,
        RegistrationNumber = c.RegistrationNumber,
        Key = c.Key,
        AsOf = c.AsOf,
        ClaimedAt = c.ClaimedAt,
        SubmittedBy = c.SubmittedBy,
        Counted = owners[c.Key] == c.UnitId,
        CountedBy = owners[c.Key] == c.UnitId ? null : owners[c.Key],
    };

    private static string Announcement(string key, string unitId) => key + "@" + unitId;
}
