namespace KejiLive.Domain.Planning;

/// <summary>How often a unit must report a target. A unit is 未报送 when a figure newer than its newest report was
/// released (<see cref="Progress.ReleaseCalendar"/>) more than the plan's grace days ago.</summary>
public enum ReportingCycle
{
    Weekly,
    Monthly,
    Quarterly,
    Annual,
}
