namespace KejiLive.Domain.Progress;

/// <summary>Why a report was marked 待核实.</summary>
public enum QualityIssue
{
    /// <summary>A rise far faster than the unit's own history and the plan curve.</summary>
    Jump,

    /// <summary>A correction that lowers a cumulative value far below the last trusted report.</summary>
    Drop,
}
