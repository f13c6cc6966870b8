using System.Collections.Immutable;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Weekly;

/// <summary>What the printed pack (the HTML and its charts) shows of a plan too large to list (issue 13: a meeting reads
/// the city, the leaders and the laggards, and counts the rest). A plan of up to <see cref="FullUnits"/> units is printed
/// whole, as Ganzhou's 20 are; a larger one prints the top and bottom <see cref="Ends"/> of the 赛马 ranking, the first
/// <see cref="Rows"/> rows of each long list (the most urgent first) with counts of the rest, and unit pages only for the
/// units of the ranking excerpt. The workbook (XLSX) always carries every row.</summary>
public static class PackScope
{
    /// <summary>Most units (overlays left out) a pack prints in full.</summary>
    public const int FullUnits = 60;

    /// <summary>Units printed at each end of the ranking of a condensed pack.</summary>
    public const int Ends = 10;

    /// <summary>Rows printed of each long list (红黄名单, 督办, 未报送) of a condensed pack.</summary>
    public const int Rows = 30;

    /// <summary>True when <paramref name="plan"/> has more units than a pack prints in full.</summary>
    public static bool Condenses(PlanDocument plan) => plan.Units.Count(u => u.Kind != UnitKind.Overlay) > FullUnits;

    /// <summary>The ranking a condensed pack prints: the first and the last <see cref="Ends"/> units with a score (the
    /// bottom never repeats the top), and how many ranked units lie between them. Units without a score are counted
    /// apart by the caller (they are not laggards, they have nothing to judge yet).</summary>
    public static (ImmutableArray<RankingRow> Top, ImmutableArray<RankingRow> Bottom, int Between) Excerpt(IReadOnlyList<RankingRow> ranking)
    {
        var ranked = ranking.Where(r => r.Rank is not null).ToList();
        var top = ranked.Take(Ends).ToImmutableArray();
        var bottom = ranked.Skip(top.Length).TakeLast(Ends).ToImmutableArray();
        return (top, bottom, ranked.Count - top.Length - bottom.Length);
    }

    /// <summary>The units whose pages a pack prints: every unit of a pack printed in full, else the units of the ranking
    /// excerpt.</summary>
    public static IReadOnlySet<string>? PrintedUnits(PlanDocument plan, IReadOnlyList<RankingRow> ranking)
    {
        if (!Condenses(plan)) return null;
        var (top, bottom, _) = Excerpt(ranking);
        return top.Concat(bottom).Select(r => r.UnitId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>督办 in the order a condensed list prints them: red, orange, yellow, then the longest open first.</summary>
    public static IEnumerable<PackAlert> MostUrgentFirst(IEnumerable<PackAlert> alerts) =>
        alerts.OrderBy(a => Alerts.AlertNames.UrgencyRank(a.Severity)).ThenBy(a => a.OpenedAt).ThenBy(a => a.Id, StringComparer.Ordinal);

    /// <summary>Counts of 督办 by 事由 and 等级, most frequent first (the condensed pack's table in place of every alert).</summary>
    public static ImmutableArray<(string Rule, string Severity, int Count)> ByRule(IEnumerable<PackAlert> alerts) =>
    [
        .. alerts.GroupBy(a => (a.Rule, a.Severity))
            .Select(g => (g.Key.Rule, g.Key.Severity, Count: g.Count()))
            .OrderBy(x => Alerts.AlertNames.UrgencyRank(x.Severity)).ThenByDescending(x => x.Count).ThenBy(x => x.Rule, StringComparer.Ordinal),
    ];

    /// <summary>Units 未报送 in the order a condensed list prints them: the most targets late first.</summary>
    public static IEnumerable<NotReportedRow> MostLateFirst(IEnumerable<NotReportedRow> rows) =>
        rows.OrderByDescending(r => r.Targets.Length).ThenBy(r => r.LastReportedAsOf ?? DateOnly.MinValue).ThenBy(r => r.UnitId, StringComparer.Ordinal);
}
