using KejiLive.Dashboard.Hosting;
using KejiLive.Dashboard.Security;
using KejiLive.Domain.Security;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Time;
using Microsoft.Extensions.Options;

namespace KejiLive.Silo;

/// <summary>
/// At start, once the silo runs: makes sure someone can administer the system, and records a changed plan.
/// </summary>
/// <remarks>
/// <para>Secure by default: without <c>Auth:AdminToken</c> and without any active admin token, the first start creates
/// one and prints it once to standard output (never a fixed default password; only its hash is stored). Lose it and
/// start with <c>Auth:AdminToken</c> to create others.</para>
/// <para>The plan is read from a file at start; when its SHA-256 differs from the last start's, a <c>plan.load</c>
/// entry goes to the audit with both hashes.</para>
/// </remarks>
public sealed class SecurityBootstrap(
    IGrainFactory grains, AdminTokenHash admin, IOptions<AuthOptions> auth, PlanSource plan, PlanClock clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!admin.IsConfigured && !await grains.GetGrain<ITokenGrain>(ITokenGrain.Key).HasActiveAdminAsync())
        {
            var created = await grains.GetGrain<ITokenGrain>(ITokenGrain.Key)
                .CreateAsync("首个管理员（首次启动生成）", Role.Admin.Name(), null, ApiTokens.MaxDays, "system");
            await AppendAsync("token.create", created.Token.Id, $"name={created.Token.Name}; role=admin; expires={created.Token.ExpiresAt:O}");
            Console.WriteLine($"""
                KejiLive: 没有管理员令牌，已生成一个（只显示这一次，请妥善保存；数据库只存其哈希）：
                  {created.Secret}
                用法：curl -H "Authorization: Bearer <令牌>" …；在浏览器中打开 /login 粘贴令牌。用它在 POST /api/tokens 为各单位、领导和大屏建令牌。
                """);
        }
        if (auth.Value.OpenReadingOnLoopback)
        {
            Console.WriteLine("KejiLive: Auth:OpenReadingOnLoopback=true —— 本机（127.0.0.1/::1）无需令牌即可只读访问；写入仍需令牌。");
        }

        var last = await grains.GetGrain<IAuditGrain>(IAuditGrain.Key).QueryAsync(new AuditQuery { Action = "plan.load", Limit = 1 });
        var previous = last.IsDefaultOrEmpty ? null : last[0].Detail.Split("sha256=").ElementAtOrDefault(1)?.Split(';')[0];
        if (previous != plan.Sha256)
        {
            await AppendAsync("plan.load", Path.GetFileName(plan.Path), $"sha256={plan.Sha256}; previous={previous ?? "-"}; file={plan.Path}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task AppendAsync(string action, string subject, string detail) =>
        grains.GetGrain<IAuditGrain>(IAuditGrain.Key).AppendAsync(
        [
            new AuditRecord { At = clock.GetUtcNow(), Actor = "system", Role = "system", Address = "local", Action = action, Subject = subject, Detail = detail },
        ]);
}
