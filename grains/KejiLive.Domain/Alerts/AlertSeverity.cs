namespace KejiLive.Domain.Alerts;

/// <summary>How bad an alert is. Ordered: a higher value is worse, so severities compare with &lt; and &gt;.</summary>
public enum AlertSeverity
{
    /// <summary>For information only (not raised by the shipped rules; kept for notices such as digests).</summary>
    Info,

    /// <summary>黄: behind (yellow band), falling fast, 未报送, a milestone up to 7 days late.</summary>
    Yellow,

    /// <summary>橙: will miss the year; a milestone 8–15 days late.</summary>
    Orange,

    /// <summary>红: far behind (red band); a milestone more than 15 days late.</summary>
    Red,
}
