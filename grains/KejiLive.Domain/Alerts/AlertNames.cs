namespace KejiLive.Domain.Alerts;

/// <summary>What people read for an alert's rule and severity (robot messages, the weekly pack); ids, the API and
/// stored state keep the codes (<see cref="AlertIds.RuleCode"/>, lower-case severity names).</summary>
public static class AlertNames
{
    /// <summary>The rule as a 督办 names it: 落后序时进度, 预计完不成全年目标, 差距快速扩大, 未按期报送, 节点逾期.</summary>
    public static string Rule(AlertRule rule) => rule switch
    {
        AlertRule.Behind => "落后序时进度",
        AlertRule.WillMiss => "预计完不成全年目标",
        AlertRule.FallingFast => "差距快速扩大",
        AlertRule.NotReported => "未按期报送",
        AlertRule.MilestoneOverdue => "节点逾期",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown alert rule"),
    };

    /// <summary>The severity in one character, as the pack shows lights: 红, 橙, 黄 (提示 for information).</summary>
    public static string Severity(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Red => "红",
        AlertSeverity.Orange => "橙",
        AlertSeverity.Yellow => "黄",
        _ => "提示",
    };

    /// <summary>Who a notice is for, as people read it: 责任单位, 分管领导, 市科技局.</summary>
    public static string Audience(AlertAudience audience) => audience switch
    {
        AlertAudience.Unit => "责任单位",
        AlertAudience.Leader => "分管领导",
        AlertAudience.CityOffice => AlertNotices.CityOffice,
        _ => throw new ArgumentOutOfRangeException(nameof(audience), audience, "unknown audience"),
    };

    /// <summary>An alert's recipient (<see cref="Alert.EscalateTo"/>) as people read it: the city office's old code
    /// (<see cref="AlertNotices.CityOfficeCode"/>, kept in alerts stored before) as its name; any other as stored.</summary>
    public static string Recipient(string recipient) =>
        recipient == AlertNotices.CityOfficeCode ? AlertNotices.CityOffice : recipient;

    /// <summary>The rule of a code (<c>behind</c>, <c>will-miss</c>, …); null for a code no rule has.</summary>
    public static AlertRule? RuleOfCode(string code) =>
        Enum.GetValues<AlertRule>().Where(r => AlertIds.RuleCode(r) == code).Select(r => (AlertRule?)r).FirstOrDefault();

    /// <summary>The rule's name for a code, or the code itself when no rule has it.</summary>
    public static string RuleOfCodeName(string code) => RuleOfCode(code) is { } rule ? Rule(rule) : code;

    /// <summary>Most urgent first: 0 for red, 1 orange, 2 yellow, 3 anything else; by code (<c>red</c>, as stored) or by
    /// name (红, as the pack shows it).</summary>
    public static int UrgencyRank(string severity) => severity switch
    {
        "red" or "红" => 0,
        "orange" or "橙" => 1,
        "yellow" or "黄" => 2,
        _ => 3,
    };

    /// <summary>The severity's name for a code (<c>red</c>, <c>orange</c>, <c>yellow</c>, <c>info</c>), or the code itself.</summary>
    public static string SeverityOfCodeName(string code)
    {
        foreach (var severity in Enum.GetValues<AlertSeverity>())
        {
            if (string.Equals(severity.ToString(), code, StringComparison.OrdinalIgnoreCase)) return Severity(severity);
        }
        return code;
    }
}
