using System.Net;
using Microsoft.AspNetCore.Http;

namespace KejiLive.Dashboard.ErrorPages;

/// <summary>The Chinese error page a browser gets instead of problem+json (401, 403, 404, 500 and any other status): the
/// status, what it means for the user, the server's detail when it has one, and where to go next. The page carries no
/// script and escapes everything it repeats.</summary>
public static class ErrorPage
{
    /// <summary>True when the caller is a browser navigating (its Accept names text/html), not a script or API client.</summary>
    public static bool Wanted(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public static string Html(int status, string? detail)
    {
        var (title, hint) = Text(status);
        var extra = string.IsNullOrWhiteSpace(detail) || detail == hint ? "" : $"<p class=\"muted\">{WebUtility.HtmlEncode(detail)}</p>";
        var login = status is 401 or 403 ? "<a class=\"btn\" href=\"/login\">重新登录</a>" : "";
        return $$"""
            <!doctype html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="icon" href="data:,">
            <title>{{status}} {{title}} · KejiLive</title>
            <link rel="stylesheet" href="/css/base.css">
            <link rel="stylesheet" href="/css/pages.css">
            <link rel="stylesheet" href="/css/office.css">
            </head>
            <body class="page error-page">
            <header class="page-head"><div class="title-block"><h1>KejiLive · 全市科技工作要点实时监测</h1></div></header>
            <main class="center-main">
            <section class="panel" role="alert">
            <div class="code">{{status}}</div>
            <h2>{{title}}</h2>
            <p>{{hint}}</p>
            {{extra}}
            <div class="actions" style="justify-content:flex-start"><a class="btn primary" href="/">返回首页</a>{{login}}</div>
            </section>
            </main>
            </body>
            </html>
            """;
    }

    private static (string Title, string Hint) Text(int status) => status switch
    {
        401 => ("需要登录", "请先登录：使用市科技局管理员发放的访问令牌。"),
        403 => ("无权访问", "您的令牌角色无权打开此页面或进行此操作。如需权限，请联系市科技局管理员。"),
        404 => ("页面不存在", "找不到您要访问的页面，请检查地址，或从首页进入。"),
        405 => ("不支持的操作", "此地址不支持这种访问方式。"),
        429 => ("请求过于频繁", "请稍后再试。"),
        >= 500 => ("服务器出错", "服务器处理请求时出错，已记录在日志中。请稍后重试；如一再出现，请联系管理员。"),
        _ => ("请求无法完成", "请求无法完成，请检查后重试。"),
    };
}
