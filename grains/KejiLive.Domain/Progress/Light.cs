namespace KejiLive.Domain.Progress;

/// <summary>红黄绿灯. Judges progress only; 未报送 is a separate flag.</summary>
public enum Light
{
    /// <summary>Nothing to judge yet (no report and nothing due, or a rank not yet announced).</summary>
    Grey,
    Green,
    Yellow,
    Red,
}
