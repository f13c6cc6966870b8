using KejiLive.Dashboard;
using KejiLive.Dashboard.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (builder.TryAddKejiPlan(Console.Error) is null) return 2;
builder.AddKejiClock();
builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort: builder.Configuration.GetValue("Orleans:GatewayPort", 30000)));
builder.AddKejiDashboard();

var app = builder.Build();
app.MapKejiDashboard();
await app.RunAsync();
return 0;
