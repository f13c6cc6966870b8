namespace KejiLive.Domain.Planning;

/// <summary>How often a unit must report a target. A unit whose newest report is older than the cycle plus
/// the plan's grace days is 未报送.</summary>
public enum ReportingCycle
{
    Weekly,
    Monthly,
    Quarterly,
    Annual,
}
