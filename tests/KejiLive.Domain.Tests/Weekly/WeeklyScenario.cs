using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using KejiLive.Domain.Weekly;

namespace KejiLive.Domain.Tests.Weekly;

/// <summary>A fixed week on the test plan (<see cref="PlanJson.Base"/>): 2025-W27 (30 Jun – 6 Jul), judged at Sunday
/// 24:00 and compared with 29 Jun 24:00. 新认定高新技术企业 (hi-tech, linear, yellow 5 pp, red 30 pp):
/// 360702 (40) reported 20 on 27 Jun and 22 on 4 Jul; 360703 (30) reported 6 on 31 Mar only; 360704 (20) never;
/// jkq (10) reported 6 on 5 Jul; gxq (overlay, 8) never. Alerts: 360703 answered with hostile text on 3 Jul;
/// jkq's alert of 10 Jun resolved on 5 Jul.</summary>
internal static class WeeklyScenario
{
    public static readonly PlanDocument Plan = PlanJson.Load();
    public static readonly IsoWeek Week = Parse("2025-W27");
    public static readonly DateTimeOffset Now = ShanghaiTime.StartOf(new DateOnly(2025, 7, 7)).AddHours(8);
    public const string Remedy = "<script>alert('x')</script>=HYPERLINK(\"http://evil\") 本月底前补齐";

    public static Dictionary<(string, string), IReadOnlyList<ReportEntry>> Histories() => new()
    {
        [("hi-tech", "360702")] = [Fx.R("2025-06-27", 20), Fx.R("2025-07-04", 22)],
        [("hi-tech", "360703")] = [Fx.R("2025-03-31", 6)],
        [("hi-tech", "jkq")] = [Fx.R("2025-07-05", 6)],
        // Sent after the week's end: counts next week, not in W27.
        [("hi-tech", "360704")] = [Fx.R("2025-07-06", 15, receivedAt: ShanghaiTime.StartOf(new DateOnly(2025, 7, 7)).AddHours(1))],
    };

    public static List<PackAlert> Alerts() =>
    [
        new("A-1", "360703", "hi-tech", "落后序时进度", "红", PackAlertState.Acknowledged, Fx.At("2025-07-03", 9), null, Remedy, new DateOnly(2025, 8, 15)),
        new("A-2", "jkq", "hi-tech", "落后序时进度", "红", PackAlertState.Resolved, Fx.At("2025-06-10", 9), Fx.At("2025-07-05", 20), "已组织集中申报", new DateOnly(2025, 7, 10)),
    ];

    public static WeeklyPack Build() => WeeklyPackBuilder.Build(Plan, Histories(), Alerts(), Week, Now);

    /// <summary>The id of the 待核实 report in <see cref="BuildWithPendingReview"/>.</summary>
    public const string FlaggedId = "flagged-360703";

    /// <summary>The scenario plus 8 for 3 Jul from 360703 (南康区), received that day and marked 待核实 with no
    /// confirmation: 360703 stays behind on hi-tech, its figure now resting on the unconfirmed report.</summary>
    public static WeeklyPack BuildWithPendingReview()
    {
        var histories = Histories();
        histories[("hi-tech", "360703")] = [.. histories[("hi-tech", "360703")], Fx.R("2025-07-03", 8, id: FlaggedId) with { AwaitingReview = true }];
        return WeeklyPackBuilder.Build(Plan, histories, Alerts(), Week, Now,
            new Dictionary<(string, string), IReadOnlyList<ReviewMark>> { [("hi-tech", "360703")] = [new ReviewMark(FlaggedId, null)] });
    }

    private static IsoWeek Parse(string text) => IsoWeek.TryParse(text, out var w) ? w : throw new ArgumentException(text);
}
