namespace KejiLive.Dashboard.Filling;

/// <summary>The names the 填报 workbook is written and read by: sheets, header texts, and the 说明 sheet's keys. The
/// reader finds columns by header text (the part before "（"), so moving a column does not break an upload.</summary>
public static class FillingSheets
{
    public const string Fill = "填报";
    public const string Items = "清单";
    public const string About = "说明";

    public static readonly string[] All = [Fill, Items, About];

    // 填报
    public const string TargetId = "指标编号（勿改）";
    public const string TargetName = "指标名称";
    public const string Measure = "计量单位";
    public const string Annual = "年度目标";
    public const string LastValue = "上次报送值";
    public const string LastAsOf = "上次报送截至";
    public const string Value = "本期累计值（填写）";
    public const string Numerator = "分子（比率类填写）";
    public const string Denominator = "分母（比率类填写）";
    public const string Correction = "更正（低于上次时填“是”）";
    public const string Note = "说明（选填）";
    public const string Hint = "填报提示";

    // 清单
    public const string ItemName = "名称";
    public const string ItemNumber = "登记号/统一社会信用代码";
    public const string ItemStatus = "状态（系统填写）";

    // 说明
    public const string AboutKey = "项目";
    public const string AboutValue = "内容";
    public const string UnitKey = "单位编号";
    public const string UnitNameKey = "单位名称";
    public const string AsOfKey = "数据截止日期";
    public const string PlanKey = "计划";

    /// <summary>The part of a header that identifies it: the text before "（" (or "("), trimmed.</summary>
    public static string Stem(string header)
    {
        var cut = header.IndexOfAny(['（', '(']);
        return (cut < 0 ? header : header[..cut]).Trim();
    }
}
