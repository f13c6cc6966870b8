using Microsoft.Extensions.Time.Testing;

namespace KejiLive.Delivery.Tests.Support;

/// <summary>Everything one delivery test needs: a fake clock, real receivers on reserved loopback ports (WeCom,
/// DingTalk, an Alertmanager webhook, SMTP), the <c>Alerts</c> configuration pointing at them, and a cluster over a
/// temp SQLite file that can be restarted on the same file.</summary>
internal sealed class DeliveryRig : IAsyncDisposable
{
    public const string WeComId = "wecom-360702";
    public const string DingTalkId = "ding-360702";
    public const string WebhookId = "hook-city";
    public const string EmailId = "mail-city";
    public const string WeComKey = "KEY-WECOM-1";
    public const string DingToken = "TOKEN-DING-1";
    public const string DingSecret = "SECb4a1e0c2d3f4e5a6b7c8d9e0f1a2b3c4";
    public const string WebhookToken = "hook-token";

    private DeliveryRig(FakeTimeProvider time, int[] ports)
    {
        Time = time;
        WeCom = new FakeReceiver(ports[0], time, Checks.WeCom(WeComKey));
        DingTalk = new FakeReceiver(ports[1], time, Checks.DingTalk(DingToken, DingSecret, time));
        Webhook = new FakeReceiver(ports[2], time, Checks.Alertmanager()) { Respond = (_, _) => (200, "") };
        Settings = new Dictionary<string, string?>
        {
            [$"Alerts:ContactPoints:{WeComId}:Kind"] = "wecom",
            [$"Alerts:ContactPoints:{WeComId}:Url"] = $"{WeCom.BaseUrl}/cgi-bin/webhook/send?key={WeComKey}",
            [$"Alerts:ContactPoints:{DingTalkId}:Kind"] = "dingtalk",
            [$"Alerts:ContactPoints:{DingTalkId}:Url"] = $"{DingTalk.BaseUrl}/robot/send?access_token={DingToken}",
            [$"Alerts:ContactPoints:{DingTalkId}:Secret"] = DingSecret,
            [$"Alerts:ContactPoints:{WebhookId}:Kind"] = "webhook",
            [$"Alerts:ContactPoints:{WebhookId}:Url"] = $"{Webhook.BaseUrl}/alerts",
            [$"Alerts:ContactPoints:{WebhookId}:Secret"] = WebhookToken,
            [$"Alerts:ContactPoints:{EmailId}:Kind"] = "email",
            [$"Alerts:ContactPoints:{EmailId}:SmtpHost"] = "127.0.0.1",
            [$"Alerts:ContactPoints:{EmailId}:SmtpPort"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"Alerts:ContactPoints:{EmailId}:SmtpSecurity"] = "none",
            [$"Alerts:ContactPoints:{EmailId}:From"] = "keji@example.cn",
            [$"Alerts:ContactPoints:{EmailId}:To"] = "office@example.cn; leader@example.cn",
            ["Alerts:RetryJitter"] = "0",
            ["Alerts:SendTimeout"] = "00:00:05",
            ["Alerts:ExternalUrl"] = "https://keji.example.cn",
        };
    }

    public FakeTimeProvider Time { get; }
    public FakeReceiver WeCom { get; }
    public FakeReceiver DingTalk { get; }
    public FakeReceiver Webhook { get; }
    public FakeSmtpServer Smtp { get; } = new();
    public Dictionary<string, string?> Settings { get; }
    public string DatabasePath { get; } = DeliveryCluster.NewDatabasePath();
    public DeliveryCluster Cluster { get; private set; } = null!;

    /// <summary>Grain state writes the test makes fail (none until armed).</summary>
    public WriteFaults Faults { get; } = new();

    /// <summary>Starts the receivers (all of them unless told otherwise) and the cluster.</summary>
    public static async Task<DeliveryRig> StartAsync(bool startReceivers = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            var rig = new DeliveryRig(new FakeTimeProvider(DeliveryCluster.Start), FreePorts.Reserve(3));
            try
            {
                if (startReceivers) await Task.WhenAll(rig.WeCom.StartAsync(), rig.DingTalk.StartAsync(), rig.Webhook.StartAsync());
            }
            catch (IOException) when (attempt < 3)
            {
                // A reserved port was taken by another process between reservation and bind: take new ones.
                await rig.StopReceiversAsync();
                continue;
            }
            rig.Cluster = await DeliveryCluster.StartAsync(rig.Time, rig.DatabasePath, rig.Settings, rig.Faults);
            return rig;
        }
    }

    /// <summary>Stops the silo and starts a new one on the same SQLite file and clock.</summary>
    public async Task RestartClusterAsync()
    {
        await Cluster.StopAsync();
        Cluster = await DeliveryCluster.StartAsync(Time, DatabasePath, Settings, Faults);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await StopReceiversAsync();
        DeliveryCluster.DeleteDatabase(DatabasePath);
    }

    private async Task StopReceiversAsync()
    {
        await WeCom.DisposeAsync();
        await DingTalk.DisposeAsync();
        await Webhook.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
