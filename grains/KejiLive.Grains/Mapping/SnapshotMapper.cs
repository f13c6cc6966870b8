using KejiLive.Domain.Demo;
using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.State;

namespace KejiLive.Grains.Mapping;

/// <summary>Translates between the domain's records and the grain messages and stored state.</summary>
public static class SnapshotMapper
{
    public static TargetSnapshot ToSnapshot(string targetId, string unitId, TargetEvaluation e, DateTimeOffset judgedAt, int reportCount) =>
        ToSnapshot(targetId, unitId, e, judgedAt, reportCount, lastReceivedAt: null, pendingReviews: 0);

    /// <summary>A target × unit's snapshot with its report counts (<see cref="TargetSnapshot.LastReceivedAt"/>,
    /// <see cref="TargetSnapshot.PendingReviews"/>) set in the same instance: a report's answer is built once, not copied.</summary>
    public static TargetSnapshot ToSnapshot(string targetId, string unitId, TargetEvaluation e, DateTimeOffset judgedAt, int reportCount,
        DateTimeOffset? lastReceivedAt, int pendingReviews) => new()
    {
        LastReceivedAt = lastReceivedAt,
        PendingReviews = pendingReviews,
        Target = targetId,
        Unit = unitId,
        AnnualTarget = e.AnnualTarget,
        Stretch = e.Stretch,
        Actual = e.Actual,
        Expected = e.Expected,
        CompletionRate = e.CompletionRate,
        ScheduleRate = e.ScheduleRate,
        GapPoints = e.GapPoints,
        Light = LightNames.ToName(e.Light),
        NotReported = e.NotReported,
        ReportedAsOf = e.ReportedAsOf,
        Forecast = e.Forecast is { } f ? new ForecastRange { Value = f.Value, Low = f.Low, High = f.High } : null,
        RequiredPerMonth = e.RequiredPerMonth,
        WillMiss = e.WillMiss,
        DaysOverdue = e.DaysOverdue,
        Numerator = e.Numerator,
        Denominator = e.Denominator,
        JudgedAt = judgedAt,
        ReportCount = reportCount,
        PendingReview = e.AwaitingReview,
        ScheduleDate = e.ScheduleDate,
        ScheduleDateLatest = e.ScheduleDateLatest,
        Explanation = e.Explanation,
        ExplanationCode = e.ExplanationCode,
        ForecastBasis = e.ForecastBasis,
        Pace = e.OwnPace?.Pace,
        RecentPace = e.OwnPace?.Recent,
        DueSoon = e.DueSoon is { } d ? new DueSoonNotice { Due = d.Due, DaysLeft = d.DaysLeft, Text = d.Text } : null,
    };

    /// <summary>True when the two snapshots are equal but for <see cref="TargetSnapshot.JudgedAt"/>: what a viewer sees
    /// did not change. Equal to comparing both with the judging time cleared, with at most one copy made (none when the
    /// judging times are the same too, none when a figure a report moves differs): it runs on every judgement.</summary>
    public static bool SameButJudgedAt(TargetSnapshot a, TargetSnapshot b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        // What a new report changes first: when one of these differs, so do the snapshots (no copy needed to say so).
        if (a.ReportCount != b.ReportCount || !a.Actual.Equals(b.Actual) || a.Light != b.Light || a.LastReceivedAt != b.LastReceivedAt)
        {
            return false;
        }
        return a.JudgedAt.EqualsExact(b.JudgedAt) ? a == b : a with { JudgedAt = b.JudgedAt } == b;
    }

    /// <summary>Back to the domain, for roll-ups and scores computed from snapshots.</summary>
    public static TargetEvaluation ToEvaluation(TargetSnapshot s) => new(
        Domain.Calendar.ShanghaiTime.DateOf(s.JudgedAt),
        s.AnnualTarget,
        s.Stretch,
        s.Actual,
        s.Expected,
        s.CompletionRate,
        s.ScheduleRate,
        s.GapPoints,
        LightNames.Parse(s.Light),
        s.NotReported,
        s.ReportedAsOf,
        s.Forecast is { } f ? new Forecast(f.Value, f.Low, f.High) : null,
        s.RequiredPerMonth,
        s.WillMiss,
        s.DaysOverdue,
        s.Numerator,
        s.Denominator)
    {
        AwaitingReview = s.PendingReview,
        // A snapshot from before the field existed read the curve at the judged date.
        ScheduleDate = s.ScheduleDate == default ? Domain.Calendar.ShanghaiTime.DateOf(s.JudgedAt) : s.ScheduleDate,
        ScheduleDateLatest = s.ScheduleDateLatest,
        OwnPace = s.ToOwnPace(),
        // The city card of a milestone or rank target is its owner's judgement, reason included.
        Explanation = s.Explanation,
        ExplanationCode = s.ExplanationCode,
        DueSoon = s.DueSoon is { } d ? new DueSoon(d.Due, d.DaysLeft, d.Text) : null,
    };

    public static ReportEntry ToEntry(StoredReport r) => new(
        r.ReportId, r.AsOf, r.Value, r.Numerator, r.Denominator, r.Correction, r.Note, r.ReceivedAt, r.SubmittedBy, r.Source)
    {
        AwaitingReview = IsPending(r.Review),
        Rejected = r.Review?.RejectedAt is not null,
    };

    /// <summary>True while a mark awaits the city office: neither confirmed nor settled by a later report.</summary>
    public static bool IsPending(ReportReview? review) => review is { ConfirmedAt: null, SettledBy: null, RejectedAt: null };

    /// <summary>The mark as people read it: 待核实, 已核实, 已退回, 已更正, or null when never marked.</summary>
    public static string? QualityLabel(ReportReview? review) => review switch
    {
        null => null,
        { RejectedAt: not null } => ReviewDecision.RejectedLabel,
        { SettledBy: not null } => "已更正",
        { ConfirmedAt: not null } => DataQuality.ConfirmedLabel,
        _ => DataQuality.AwaitingReviewLabel,
    };

    /// <summary>A new mark from the rule's finding.</summary>
    public static ReportReview ToReview(QualityFinding f) => new()
    {
        Issue = f.Issue == QualityIssue.Drop ? "drop" : "jump",
        Reason = f.Reason,
        Change = f.Change,
        Allowance = f.Allowance,
    };

    public static StoredReport ToStored(ReportSubmission s, DateTimeOffset receivedAt) => new()
    {
        ReportId = s.ReportId,
        AsOf = s.AsOf,
        Value = s.Value,
        Numerator = s.Numerator,
        Denominator = s.Denominator,
        Correction = s.Correction,
        Note = s.Note,
        ReceivedAt = receivedAt,
        SubmittedBy = s.SubmittedBy,
        Source = s.Source,
    };

    public static ReportRecord ToRecord(StoredReport r) => new()
    {
        ReportId = r.ReportId,
        AsOf = r.AsOf,
        Value = r.Value,
        Numerator = r.Numerator,
        Denominator = r.Denominator,
        Correction = r.Correction,
        Note = r.Note,
        ReceivedAt = r.ReceivedAt,
        SubmittedBy = DemoYear.ReporterShown(r.SubmittedBy, r.Source),
        Source = r.Source,
        PendingReview = IsPending(r.Review),
        Quality = QualityLabel(r.Review),
        QualityReason = r.Review?.Reason,
        ReviewedBy = r.Review?.ConfirmedBy ?? r.Review?.RejectedBy,
        ReviewedAt = r.Review?.ConfirmedAt ?? r.Review?.RejectedAt,
        ReviewNote = r.Review?.ConfirmNote ?? r.Review?.RejectReason,
        Rejected = r.Review?.RejectedAt is not null,
        SettledBy = r.Review?.SettledBy,
    };

    /// <summary>True when a stored report says the same as a new submission (a retried request), so it is a duplicate
    /// rather than a conflicting reuse of the reportId. Who and where may differ on a retry; what was said may not.</summary>
    public static bool SameContent(StoredReport r, ReportSubmission s) =>
        r.AsOf == s.AsOf && r.Value.Equals(s.Value) && Nullable.Equals(r.Numerator, s.Numerator)
        && Nullable.Equals(r.Denominator, s.Denominator) && r.Correction == s.Correction && r.Note == s.Note;
}
