using System.Collections.Immutable;

namespace KejiLive.Domain.Weekly;

/// <summary>The content of a week's dispatch pack (周调度材料), judged at <see cref="CutOff"/> and compared with
/// <see cref="PreviousCutOff"/>. Pure data: rendering (HTML, XLSX, PNG) is elsewhere.</summary>
/// <param name="SampleSplit">The plan's split is a sample (示例分解): every rendering says so.</param>
/// <param name="Final">The week has ended (a pack made mid-week is a preview).</param>
/// <param name="Watch">The red and yellow list: red first, then the furthest behind.</param>
/// <param name="AlertsOpened">督办 alerts opened during the week.</param>
/// <param name="AlertsClosed">督办 alerts resolved or closed during the week.</param>
/// <param name="Units">One page per unit holding targets: ranked units by rank, then the rest.</param>
/// <param name="Charts">Progress charts: every city target and every yellow or red unit × target of a printed unit page.</param>
public sealed record WeeklyPack(
    string PlanId,
    string City,
    string Title,
    bool SampleSplit,
    IsoWeek Week,
    DateTimeOffset CutOff,
    DateTimeOffset PreviousCutOff,
    bool Final,
    ImmutableArray<SummaryRow> Summary,
    ImmutableArray<RankingRow> Ranking,
    string RankingRule,
    ImmutableArray<WatchRow> Watch,
    ImmutableArray<PackAlert> AlertsOpened,
    ImmutableArray<PackAlert> AlertsClosed,
    ImmutableArray<NotReportedRow> NotReported,
    ImmutableArray<UnitPage> Units,
    ImmutableArray<ProgressSeries> Charts)
{
    /// <summary>The week's audit (every change made through the system between the previous cut-off and this one),
    /// oldest first; filled by the pack's producer, empty where there is no audit log.</summary>
    public ImmutableArray<PackAuditEntry> Audit { get; init; } = [];

    /// <summary>True when the week had more entries than the pack carries (<see cref="Audit"/> holds the first ones).</summary>
    public bool AuditTruncated { get; init; }

    /// <summary>The plan has more units than the printed pack lists (<see cref="PackScope"/>): the HTML prints the ranking's
    /// ends, the first rows of each list with counts of the rest, and the pages of <see cref="UnitPage.Printed"/> units;
    /// the workbook every row.</summary>
    public bool Condensed { get; init; }

    /// <summary>临期 at the cut-off (<see cref="PackLists.DueSoon"/>): items and nodes not done that fall due soon.</summary>
    public ImmutableArray<DueSoonRow> DueSoon { get; init; } = [];

    /// <summary>督办 live at the cut-off (opened by then, not resolved or closed).</summary>
    public int AlertsLive { get; init; }

    /// <summary>Of <see cref="AlertsLive"/>, those the unit has answered (gave a remedy).</summary>
    public int AlertsLiveAnswered { get; init; }
}
