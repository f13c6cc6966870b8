namespace KejiLive.Domain.Weekly;

/// <summary>One audit entry of the week, as the pack's 审计 sheet shows it (who, when, from where, what).</summary>
public sealed record PackAuditEntry(
    long Seq, DateTimeOffset At, string Actor, string Role, string? Unit, string Address, string Action, string Subject, string Detail)
{
    /// <summary>The action in the words of the office; unknown actions are shown as recorded.</summary>
    public string ActionName => Action switch
    {
        "report" => "报送",
        "correction" => "更正",
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
}
