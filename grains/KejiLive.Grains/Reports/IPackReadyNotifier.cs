using KejiLive.Grains.Abstractions.Reports;

namespace KejiLive.Grains.Reports;

/// <summary>Tells the city office that a scheduled pack is ready (with the links in <see cref="PackSummary"/>). The
/// default only logs; the alert delivery outbox replaces it by registering its own implementation.</summary>
public interface IPackReadyNotifier
{
    Task PackReadyAsync(PackSummary pack, CancellationToken cancellationToken);
}
