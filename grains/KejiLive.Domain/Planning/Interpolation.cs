namespace KejiLive.Domain.Planning;

/// <summary>How a schedule curve moves between its points.</summary>
public enum Interpolation
{
    /// <summary>The share jumps to a point's value on its date and holds (batches, statistics releases).</summary>
    Step,

    /// <summary>The share moves in a straight line from one point to the next.</summary>
    Linear,
}
