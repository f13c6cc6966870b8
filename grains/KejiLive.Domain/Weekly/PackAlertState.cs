namespace KejiLive.Domain.Weekly;

/// <summary>Where a 督办 alert stands, as the pack shows it.</summary>
public enum PackAlertState
{
    /// <summary>待答复: opened, not answered.</summary>
    Open,

    /// <summary>已答复: the unit gave a remedy and a date.</summary>
    Acknowledged,

    /// <summary>已恢复: back on track, waiting for 销号.</summary>
    Resolved,

    /// <summary>已销号.</summary>
    Closed,
}
