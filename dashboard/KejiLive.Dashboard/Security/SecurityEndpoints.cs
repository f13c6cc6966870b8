using System.Globalization;
using System.Text.Json;
using KejiLive.Dashboard.Endpoints;
using KejiLive.Dashboard.OpenApi;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Security;
using KejiLive.Grains.Abstractions.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KejiLive.Dashboard.Security;

/// <summary>Signing in for pages (<c>/login</c>, <c>/api/session</c>), who am I (<c>/api/me</c>), tokens (admin) and the
/// audit (leader, admin).</summary>
public static class SecurityEndpoints
{
    /// <summary>Most stored reports without an audit entry that <c>GET /api/audit/verify</c> lists.</summary>
    public const int UnauditedShown = 100;

    public static IEndpointRouteBuilder MapSecurityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", () => Pages.Page("login.html")).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/api/session", SignInAsync).AllowAnonymous()
            .WithName("SignIn").WithSummary("页面登录：{ \"token\": 令牌 } → 设置仅限本站的会话 Cookie（内含随机会话号，不含令牌）").ProducesProblem(401)
            .Accepts<SignInBody>("application/json").Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesValidationProblem();
        app.MapDelete("/api/session", async (HttpContext http, PageSessions sessions) =>
        {
            // The session ends on the server, not only in this browser: a copy of the cookie stops working too.
            if (http.Request.Cookies[KejiAuth.CookieName] is { Length: > 0 } id) await sessions.EndAsync(id);
            http.Response.Cookies.Delete(KejiAuth.CookieName, CookieOptionsFor(http, null));
            return Results.NoContent();
        }).AllowAnonymous().WithName("SignOut").WithSummary("退出登录：结束服务器端会话并删除 Cookie").Produces(StatusCodes.Status204NoContent);
        app.MapGet("/api/me", (HttpContext http) => Results.Json(new
        {
            name = http.ActorName(),
            role = http.User.RoleOf().Name(),
            unit = http.User.UnitOf(),
        }, ApiJson.Options)).WithName("GetMe").WithSummary("当前令牌的持有人、角色与单位").Produces(StatusCodes.Status200OK, contentType: "application/json");

        app.MapGet("/api/tokens", async (IGrainFactory grains) =>
                Results.Json(await grains.GetGrain<ITokenGrain>(ITokenGrain.Key).ListAsync(), ApiJson.Options))
            .RequireAuthorization(KejiAuth.Policies.Admin).WithName("GetTokens").WithSummary("令牌列表（不含密钥）").Produces<TokenView[]>();
        app.MapPost("/api/tokens", CreateTokenAsync).RequireAuthorization(KejiAuth.Policies.Admin)
            .WithName("CreateToken").WithSummary("新建令牌：{ name, role: admin|leader|unit|viewer, unit?, expiresInDays? }；令牌只显示这一次")
            .ProducesValidationProblem().Accepts<TokenRequestBody>("application/json").Produces(StatusCodes.Status201Created, contentType: "application/json");
        app.MapDelete("/api/tokens/{id}", RevokeTokenAsync).RequireAuthorization(KejiAuth.Policies.Admin)
            .WithName("RevokeToken").WithSummary("吊销令牌，立即生效").ProducesProblem(404).Produces(StatusCodes.Status204NoContent);

        app.MapGet("/api/audit", QueryAuditAsync).RequireAuthorization(KejiAuth.Policies.Oversee)
            .WithName("GetAudit").WithSummary("审计记录（新到旧）：from, until（ISO 8601）, action, actor, limit ≤ 1000, before（分页）")
            .ProducesValidationProblem().Produces(StatusCodes.Status200OK, contentType: "application/json");
        app.MapGet("/api/audit/verify", async (IGrainFactory grains) =>
            {
                var audit = grains.GetGrain<IAuditGrain>(IAuditGrain.Key);
                var broken = await audit.VerifyAsync();
                // Every stored report must be in the trail: a report without its entry breaks the trail as much as an edit.
                var unaudited = await audit.UnauditedReportsAsync(UnauditedShown);
                return Results.Json(new { intact = broken is null && unaudited.IsEmpty, firstBroken = broken, unauditedReports = unaudited }, ApiJson.Options);
            })
            .RequireAuthorization(KejiAuth.Policies.Oversee).WithName("VerifyAudit")
            .WithSummary("校验审计记录的哈希链是否完整，且每份已存报送都有审计记录（unauditedReports 列出缺失者，至多 100 条）")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, TokenValidator validator, PageSessions sessions)
    {
        if (await AlertEndpoints.ReadObjectAsync(http) is not { } body) return Problems.Invalid([new FieldError("$", "请求体须为 JSON 对象 { \"token\": … }。")], "登录无效");
        var errors = new List<FieldError>();
        var token = AlertEndpoints.Text(body, "token", errors, required: true);
        if (errors.Count > 0) return Problems.Invalid(errors, "登录无效");

        if (await validator.ValidateAsync(token!) is not { } valid)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "令牌无效", detail: "令牌不存在、已吊销或已过期。");
        }
        var (sessionId, ends) = await sessions.StartAsync(valid.Principal, valid.Expires);
        http.Response.Cookies.Append(KejiAuth.CookieName, sessionId, CookieOptionsFor(http, ends));
        var user = valid.Principal;
        return Results.Json(new { name = user.Identity?.Name, role = user.RoleOf().Name(), unit = user.UnitOf() }, ApiJson.Options);
    }

    /// <summary>The session cookie: script cannot read it, it goes only with this site's own requests, and only over
    /// HTTPS when the site is served over HTTPS (the scheme the client used, through a known proxy too).</summary>
    private static CookieOptions CookieOptionsFor(HttpContext http, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };

    private static async Task<IResult> CreateTokenAsync(HttpContext http, PlanDocument plan, IGrainFactory grains, AuditTrail audit)
    {
        if (await AlertEndpoints.ReadObjectAsync(http) is not { } body) return Problems.Invalid([new FieldError("$", "请求体须为 JSON 对象。")], "令牌申请无效");
        var errors = new List<FieldError>();
        var name = AlertEndpoints.Text(body, "name", errors, required: true);
        var role = AlertEndpoints.Text(body, "role", errors, required: true);
        var unit = AlertEndpoints.Text(body, "unit", errors, required: false);
        int? days = ApiTokens.DefaultDays;
        if (body.TryGetProperty("expiresInDays", out var d) && d.ValueKind != JsonValueKind.Null)
        {
            days = d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out var n) ? n : null;
        }
        errors.AddRange(ApiTokens.Validate(plan, name, role, unit, days).Where(e => errors.All(x => x.Field != e.Field)));
        if (errors.Count > 0) return Problems.Invalid(errors, "令牌申请无效");

        var created = await grains.GetGrain<ITokenGrain>(ITokenGrain.Key).CreateAsync(name!, role!, unit, days!.Value, http.ActorName());
        await audit.RecordAsync(http, "token.create", created.Token.Id,
            $"name={created.Token.Name}; role={created.Token.Role}; unit={created.Token.Unit ?? "-"}; expires={created.Token.ExpiresAt:O}");
        return Results.Json(new { token = created.Secret, created.Token.Id, created.Token.Name, created.Token.Role, created.Token.Unit, created.Token.ExpiresAt },
            ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RevokeTokenAsync(string id, HttpContext http, IGrainFactory grains, AuditTrail audit, TokenValidator validator, PageSessions sessions)
    {
        var revoked = await grains.GetGrain<ITokenGrain>(ITokenGrain.Key).RevokeAsync(id, http.ActorName());
        // This node stops accepting it at once; other web nodes within TokenValidator.CacheFor.
        validator.Forget(id);
        sessions.ForgetToken(id);
        if (revoked is null) return Problems.NotFound("id", $"没有令牌 {id}。");
        await audit.RecordAsync(http, "token.revoke", id, $"name={revoked.Name}; role={revoked.Role}; unit={revoked.Unit ?? "-"}");
        return Results.NoContent();
    }

    private static async Task<IResult> QueryAuditAsync(HttpContext http, IGrainFactory grains)
    {
        var q = http.Request.Query;
        var errors = new List<FieldError>();
        var from = Instant(q["from"], "from", errors);
        var until = Instant(q["until"], "until", errors);
        var limit = 200;
        if (q["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 1000))
        {
            errors.Add(new FieldError("limit", "limit 须为 1 到 1000 的整数。"));
        }
        long? before = null;
        if (q["before"].ToString() is { Length: > 0 } b)
        {
            if (long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var seq)) before = seq;
            else errors.Add(new FieldError("before", "before 须为审计序号。"));
        }
        var action = q["action"].ToString() is { Length: > 0 and <= 40 } a ? a : null;
        var actor = q["actor"].ToString() is { Length: > 0 and <= 200 } who ? who : null;
        if (errors.Count > 0) return Problems.Invalid(errors, "查询条件无效");
        var entries = await grains.GetGrain<IAuditGrain>(IAuditGrain.Key).QueryAsync(new AuditQuery
        {
            From = from, Until = until, Action = action, Actor = actor, Limit = limit, BeforeSeq = before,
        });
        return Results.Json(entries, ApiJson.Options);
    }

    private static DateTimeOffset? Instant(string? text, string name, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)) return at;
        errors.Add(new FieldError(name, $"{name} 须为带时区的 ISO 8601 时间。"));
        return null;
    }
}
