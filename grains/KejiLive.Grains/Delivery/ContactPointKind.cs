namespace KejiLive.Grains.Delivery;

/// <summary>The channel of a contact point (configuration values: wecom, dingtalk, webhook, email).</summary>
public enum ContactPointKind
{
    WeCom = 0,
    DingTalk = 1,

    /// <summary>A JSON POST in Prometheus Alertmanager's webhook format (version 4).</summary>
    Webhook = 2,
    Email = 3,
}
