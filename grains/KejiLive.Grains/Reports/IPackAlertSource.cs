using KejiLive.Domain.Planning;
using KejiLive.Domain.Weekly;

namespace KejiLive.Grains.Reports;

/// <summary>Where the pack reads 督办 alerts from. The default has none; the alert grains provide the real ones.</summary>
public interface IPackAlertSource
{
    /// <summary>Every alert that was live at any time up to <paramref name="until"/> (the builder picks what applies).</summary>
    Task<IReadOnlyList<PackAlert>> GetAlertsAsync(PlanDocument plan, DateTimeOffset until, CancellationToken cancellationToken);
}
