using KejiLive.Grains.Abstractions.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KejiLive.Grains.Delivery;

/// <summary>Wires alert delivery into a silo.</summary>
public static class DeliverySiloBuilderExtensions
{
    /// <summary>Binds <see cref="DeliveryOptions"/> from the <c>Alerts</c> section of <paramref name="configuration"/>
    /// (validated at start), registers the HTTP client and one <see cref="INotificationSender"/> per channel, and
    /// resumes the outbox of every configured contact point when the silo starts. The host registers the grain storage
    /// named <see cref="StorageNames.Keji"/>.</summary>
    public static ISiloBuilder AddKejiDelivery(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddOptions<DeliveryOptions>()
            .Bind(configuration.GetSection(DeliveryOptions.Section))
            .PostConfigure(o =>
            {
                foreach (var (id, point) in o.ContactPoints) point.Id = id;
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(DeliveryHttp.ClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.SendTimeout);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationSender, WeComSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationSender, DingTalkSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationSender, WebhookSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationSender, EmailSender>());
        silo.AddKejiWakeReminders();
        silo.AddStartupTask(async (sp, _) =>
        {
            var grains = sp.GetRequiredService<IGrainFactory>();
            var ids = sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.ContactPoints.Keys;
            await Task.WhenAll(ids.Select(id => grains.GetGrain<IOutboxGrain>(id).ResumeAsync()));
        });
        return silo;
    }
}
