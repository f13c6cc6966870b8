namespace KejiLive.Domain.Progress;

/// <summary>How far outside a unit's history a report must be before it is marked 待核实 (see <see cref="DataQuality"/>).
/// A plan sets these in a top-level <c>dataQuality</c> block and may override them per target (silo/plans/README.md).</summary>
/// <param name="JumpFactor">k: a rise is a jump when it exceeds k × the larger of the unit's own fastest earlier pace
/// and the plan curve's pace over the same days … (&gt; 1)</param>
/// <param name="JumpShare">… and also exceeds this share of the unit's annual target (a fraction, 0 &lt; share ≤ 1), so
/// that small numbers (2 instead of 0) are never a jump.</param>
/// <param name="DropShare">A correction that lowers the cumulative value by more than this share of the unit's annual
/// target below the last trusted report is a drop (a fraction, 0 &lt; share ≤ 1).</param>
public sealed record DataQualitySettings(double JumpFactor, double JumpShare, double DropShare)
{
    /// <summary>k = 3, jump share 25%, drop share 10%.</summary>
    public static DataQualitySettings Default { get; } = new(JumpFactor: 3, JumpShare: 0.25, DropShare: 0.1);

    /// <summary>Every broken invariant as (field, message), with plan-file field names; empty when valid.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var errors = new List<(string, string)>();
        if (!double.IsFinite(JumpFactor) || JumpFactor <= 1)
            errors.Add(("jumpFactor", $"jumpFactor must be above 1, not {Num(JumpFactor)}"));
        if (!double.IsFinite(JumpShare) || JumpShare <= 0 || JumpShare > 1)
            errors.Add(("jumpShare", $"jumpShare must be above 0 and at most 1, not {Num(JumpShare)}"));
        if (!double.IsFinite(DropShare) || DropShare <= 0 || DropShare > 1)
            errors.Add(("dropShare", $"dropShare must be above 0 and at most 1, not {Num(DropShare)}"));
        return errors;
    }

    private static string Num(double v) => v.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
}
