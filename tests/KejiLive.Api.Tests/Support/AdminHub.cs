using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace KejiLive.Api.Tests.Support;

/// <summary>A real SignalR client of the live hub (<c>/hubs/live</c>) on a test system, signed in with the administrator's
/// token, over long polling through the test server (not yet started).</summary>
internal static class AdminHub
{
    public static HubConnection Build(WebApplicationFactory<Program> factory) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/live"), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(KejiApiFactory.AdminToken);
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
}
