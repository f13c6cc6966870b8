namespace KejiLive.Silo;

/// <summary>Says in this silo's log when membership declares another silo dead, and when one joins (Orleans itself logs
/// only the failed probes at the level the silo keeps): the line an operator looks for after a failover.</summary>
public sealed class MembershipLog(IClusterMembershipService membership, ILogger<MembershipLog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Dictionary<SiloAddress, SiloStatus>? known = null;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                // The first view is what was there before: silos dead for days stay in the table and are not news.
                if (known is not null)
                {
                    foreach (var (silo, member) in snapshot.Members)
                    {
                        if (!known.TryGetValue(silo, out var before) || before == member.Status) continue;
                        if (member.Status == SiloStatus.Dead) logger.LogWarning("Membership declared silo dead: {Silo} ({Name})", silo, member.Name);
                        else if (member.Status == SiloStatus.Active) logger.LogInformation("Membership: silo active: {Silo} ({Name})", silo, member.Name);
                    }
                    foreach (var (silo, member) in snapshot.Members.Where(m => !known.ContainsKey(m.Key) && m.Value.Status == SiloStatus.Active))
                    {
                        logger.LogInformation("Membership: silo active: {Silo} ({Name})", silo, member.Name);
                    }
                }
                known = snapshot.Members.ToDictionary(m => m.Key, m => m.Value.Status);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
