namespace KejiLive.Dashboard;

/// <summary>The landing page: where to go from here.</summary>
internal static class IndexPage
{
    public const string Html = """
        <!doctype html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><link rel="icon" href="data:,"><title>KejiLive 科技工作要点实时监测</title>
        <style>body{font-family:"WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:3em;max-width:48em;line-height:1.7}code{background:#eee;padding:0 .3em}</style>
        </head>
        <body>
        <h1>KejiLive · 2025年全市科技工作要点实时监测</h1>
        <p>示例分解：各单位目标为示例数据，合计等于全市目标。</p>
        <ul>
        <li><a href="/api/plan">计划（目标、单位、分解）</a> · <code>GET /api/plan</code></li>
        <li><a href="/api/targets/hi-tech-enterprises">新认定高新技术企业 全市汇总</a> · <code>GET /api/targets/{target}</code></li>
        <li><a href="/api/units/360702">章贡区 记分卡</a> · <code>GET /api/units/{unit}</code></li>
        <li><a href="/api/ranking">赛马排名</a></li>
        <li><a href="/fill">Excel 填报</a>（单位填报员登录后下载模板、上传） · <a href="/login">登录</a></li>
        <li><a href="/scalar/v1">API 参考</a> · <a href="/openapi/v1.json">OpenAPI</a></li>
        <li><a href="/health">健康检查</a> · <a href="/metrics">指标</a></li>
        </ul>
        </body>
        </html>
        """;
}
