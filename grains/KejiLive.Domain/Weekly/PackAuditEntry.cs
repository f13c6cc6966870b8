using System.Globalization;
using KejiLive.Domain.Security;

namespace KejiLive.Domain.Weekly;

/// <summary>One audit entry of the week, as the pack's 审计 sheet shows it (who, when, from where, what). The entry keeps
/// the codes as recorded (the hash chain covers them); the sheet reads them through <see cref="RoleName"/>,
/// <see cref="UnitText"/>, <see cref="SubjectText"/> and <see cref="DetailText"/>.</summary>
public sealed record PackAuditEntry(
    long Seq, DateTimeOffset At, string Actor, string Role, string? Unit, string Address, string Action, string Subject, string Detail)
{
    /// <summary>The action in the words of the office; unknown actions are shown as recorded.</summary>
    public string ActionName => Action switch
    {
        "report" => "报送",
        "correction" => "更正",
        "report.repeat" => "重复报送（内容相同，未重复计入）",
        "ack" => "答复督办",
        "close" => "销号",
        "reopen" => "重新打开督办",
        "review.confirm" => "核实待核实报送",
        "items.claim" => "登记清单",
        "silence.add" => "设置静默",
        "silence.remove" => "解除静默",
        "token.create" => "新建令牌",
        "token.revoke" => "吊销令牌",
        "plan.load" => "加载计划",
        "pack.generate" => "重新生成周调度材料",
        _ => Action,
    };

    /// <summary>The role as the pages name it (管理员, 领导, 单位填报员, 只读; 系统 for the system's own entries);
    /// unknown roles as recorded.</summary>
    public string RoleName => Role switch
    {
        "admin" => "管理员",
        "leader" => "领导",
        "unit" => "单位填报员",
        "viewer" => "只读",
        "system" => "系统",
        "anonymous" => "未登录",
        _ => Role,
    };

    /// <summary>The actor's unit by its name (<paramref name="unitName"/> of the id; the id when it has none).</summary>
    public string? UnitText(Func<string, string?> unitName) => Unit is null ? null : unitName(Unit) ?? Unit;

    /// <summary>A report's subject (<c>target/unit/reportId</c>, <see cref="ReportAuditText.Subject"/>) as
    /// 目标 · 单位（报送编号 …）; other subjects as recorded.</summary>
    public string SubjectText(Func<string, string?> targetName, Func<string, string?> unitName)
    {
        if (!IsReport) return Subject;
        var parts = Subject.Split('/', 3);
        if (parts.Length != 3) return Subject;
        return $"{targetName(parts[0]) ?? parts[0]} · {unitName(parts[1]) ?? parts[1]}（报送编号 {parts[2]}）";
    }

    /// <summary>A report's detail (<see cref="ReportAuditText.Detail"/>: asOf, value, numerator, denominator, via, note)
    /// in words: 数据截至2025年9月30日；报送值 66；分子 9.334；分母 423.5；渠道 示例数据回放；说明：…. Numerator and
    /// denominator are left out when not given (recorded as "-"); other details, and any part it does not know, as
    /// recorded.</summary>
    public string DetailText
    {
        get
        {
            if (!IsReport || !Detail.StartsWith("asOf=", StringComparison.Ordinal)) return Detail;
            // The note comes last and may hold "; " itself: it is everything after "; note=".
            var noteAt = Detail.IndexOf("; note=", StringComparison.Ordinal);
            var head = noteAt < 0 ? Detail : Detail[..noteAt];
            var parts = new List<string>();
            foreach (var part in head.Split("; "))
            {
                var eq = part.IndexOf('=');
                if (eq < 0) { parts.Add(part); continue; }
                var (key, value) = (part[..eq], part[(eq + 1)..]);
                var text = key switch
                {
                    "asOf" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                        ? $"数据截至{d.Year}年{d.Month}月{d.Day}日" : $"数据截至 {value}",
                    "value" => $"报送值 {value}",
                    "numerator" => value == "-" ? null : $"分子 {value}",
                    "denominator" => value == "-" ? null : $"分母 {value}",
                    "via" => $"渠道 {ViaName(value)}",
                    _ => part,
                };
                if (text is not null) parts.Add(text);
            }
            if (noteAt >= 0) parts.Add("说明：" + Detail[(noteAt + "; note=".Length)..]);
            return string.Join("；", parts);
        }
    }

    /// <summary>A report's channel: 示例数据回放 for the demo's replay, 表格上传 for an XLSX upload.</summary>
    public static string ViaName(string via) => via switch
    {
        "demo" => "示例数据回放",
        "upload" => "表格上传",
        _ => via,
    };

    private bool IsReport => Action is ReportAuditText.Report or ReportAuditText.Correction or ReportAuditText.Repeat;
}
