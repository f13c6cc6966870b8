namespace KejiLive.Domain.Progress;

/// <summary>The city office's decision on a report marked 待核实 (<see cref="DataQuality"/>): confirm it (it counts as
/// reported) or send it back (退回: it stays in the history, stops counting at once, and the unit reports again).</summary>
public static class ReviewDecision
{
    /// <summary>The label of a report the city office sent back.</summary>
    public const string RejectedLabel = "已退回";

    /// <summary>Whether a report in the given review state may be sent back with <paramref name="reason"/>: only while it
    /// awaits review, and only with a reason (the unit has to know what to fix) of at most
    /// <see cref="ReportRules.MaxNoteLength"/> characters. Null when it may.</summary>
    /// <param name="marked">The report was marked 待核实 when accepted.</param>
    /// <param name="confirmed">The city office already confirmed it.</param>
    /// <param name="settledBy">The later report that replaced or corrected it, or null.</param>
    /// <remarks>Sending back a report already sent back is the caller's idempotent case, not a decision.</remarks>
    public static FieldError? Reject(bool marked, bool confirmed, string? settledBy, string? reason)
    {
        if (!marked) return new FieldError("reportId", "该报送未被标记为待核实，不能退回。");
        if (confirmed) return new FieldError("reportId", "该报送已核实，不能再退回；如数值有误请由单位提交更正。");
        if (settledBy is not null) return new FieldError("reportId", $"该报送已被后续报送 {settledBy} 更正，无需退回。");
        if (string.IsNullOrWhiteSpace(reason)) return new FieldError("reason", "请填写退回原因。");
        if (reason.Trim().Length > ReportRules.MaxNoteLength)
            return new FieldError("reason", $"退回原因不能超过 {ReportRules.MaxNoteLength} 个字符（当前 {reason.Trim().Length} 个）。");
        return null;
    }
}
