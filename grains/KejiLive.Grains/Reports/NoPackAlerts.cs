using KejiLive.Domain.Planning;
using KejiLive.Domain.Weekly;

namespace KejiLive.Grains.Reports;

/// <summary>The default <see cref="IPackAlertSource"/> until alerts are wired: no alerts.</summary>
public sealed class NoPackAlerts : IPackAlertSource
{
    public Task<IReadOnlyList<PackAlert>> GetAlertsAsync(PlanDocument plan, DateTimeOffset until, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PackAlert>>([]);
}
