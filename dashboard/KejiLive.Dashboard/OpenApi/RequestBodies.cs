using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using KejiLive.Domain.Alerts;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Security;

namespace KejiLive.Dashboard.OpenApi;

// The request bodies as the API reference shows them. The endpoints do not bind these types: they read the body
// themselves (strict, size-limited) so that every bad field gets its own Chinese error. These records only give the
// OpenAPI document a schema; keep them in step with the readers (ReportJson, AlertEndpoints, SecurityEndpoints, ReviewEndpoints).

// One report (POST /api/reports takes one, or an array of 1 to 500).
[Description("一份进度报送。POST /api/reports 接受单份，或 1 到 500 份的数组（整批全收或全拒）。未列出的字段会被拒绝。")]
public sealed record ReportBody
{
    [Description("报送编号，单位内唯一；重复提交同一编号视为重发（幂等）。"), MaxLength(ReportRules.MaxReportIdLength)]
    public required string ReportId { get; init; }

    [Description("目标编号，见 GET /api/plan。")]
    public required string Target { get; init; }

    [Description("单位代码（行政区划代码或 jkq、rjxq、gxq、city）。")]
    public required string Unit { get; init; }

    [Description("截至日期，yyyy-MM-dd。")]
    public required DateOnly AsOf { get; init; }

    [Description("截至 asOf 的累计完成值（比值类目标为比值）。")]
    public required decimal Value { get; init; }

    [Description("比值类目标的分子（比值类必填）。")]
    public decimal? Numerator { get; init; }

    [Description("比值类目标的分母（比值类必填）。")]
    public decimal? Denominator { get; init; }

    [Description("说明（可选）。"), MaxLength(ReportRules.MaxNoteLength)]
    public string? Note { get; init; }

    [Description("更正此前报送的数值（可低于上次的累计值）。默认 false。")]
    public bool? Correction { get; init; }
}

// POST /api/alerts/{id}/ack.
[Description("单位答复督办。")]
public sealed record AlertAnswerBody
{
    [Description("整改措施。"), MaxLength(AlertLifecycle.MaxTextLength)]
    public required string Note { get; init; }

    [Description("承诺完成时间，yyyy-MM-dd。")]
    public required DateOnly PromisedBy { get; init; }
}

// POST /api/alerts/{id}/close (the body is optional).
[Description("市科技局销号（请求体可省略；未回到序时的须写明说明）。")]
public sealed record AlertCloseBody
{
    [Description("销号说明。"), MaxLength(AlertLifecycle.MaxTextLength)]
    public string? Note { get; init; }
}

// POST /api/alerts/{id}/reopen.
[Description("市科技局（管理员）重新打开已销号的督办，须写明理由。")]
public sealed record AlertReopenBody
{
    [Description("重新打开的理由。"), MaxLength(AlertLifecycle.MaxTextLength)]
    public required string Reason { get; init; }
}

// POST /api/silences.
[Description("静默：期间的通知延后发送，不会丢失。unit、target 省略时对全部生效。")]
public sealed record SilenceBody
{
    [Description("原因。"), MaxLength(AlertLifecycle.MaxTextLength)]
    public required string Reason { get; init; }

    [Description("开始时间，带时区的 ISO 8601，例如 2025-10-01T00:00:00+08:00。")]
    public required DateTimeOffset From { get; init; }

    [Description("结束时间，带时区的 ISO 8601。")]
    public required DateTimeOffset Until { get; init; }

    [Description("只静默这个单位（可选）。")]
    public string? Unit { get; init; }

    [Description("只静默这个目标（可选）。")]
    public string? Target { get; init; }
}

// POST /api/tokens.
[Description("新建令牌；令牌本身只在应答中出现这一次。")]
public sealed record TokenRequestBody
{
    [Description("持有人说明，例如“章贡区科技局 填报员”。"), MaxLength(ApiTokens.MaxNameLength)]
    public required string Name { get; init; }

    [Description("角色：admin、leader、unit 或 viewer。"), AllowedValues("admin", "leader", "unit", "viewer")]
    public required string Role { get; init; }

    [Description("单位代码（角色为 unit 时必填）。")]
    public string? Unit { get; init; }

    [Description("有效天数，默认 90。"), Range(1, ApiTokens.MaxDays)]
    public int? ExpiresInDays { get; init; }
}

// POST /api/session.
[Description("页面登录。")]
public sealed record SignInBody
{
    [Description("令牌（kl_…）。")]
    public required string Token { get; init; }
}

// POST /api/targets/{target}/{unit}/reports/{reportId}/confirm (the body is optional).
[Description("核实待核实的报送（请求体可省略）。")]
public sealed record ReviewConfirmBody
{
    [Description("核实说明（可选）。"), MaxLength(ReportRules.MaxNoteLength)]
    public string? Note { get; init; }
}

// POST /api/targets/{target}/{unit}/reports/{reportId}/reject (退回, from the pages' branch).
[Description("退回待核实的报送。")]
public sealed record ReviewRejectBody
{
    [Description("退回原因（必填）。"), MaxLength(ReportRules.MaxNoteLength)]
    public required string Reason { get; init; }
}
