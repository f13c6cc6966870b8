using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;

namespace KejiLive.Dashboard;

/// <summary>The browser side, served from files embedded in this assembly (wwwroot, including the npm scripts copied
/// there at build time), so a web node needs no file system layout and no CDN.</summary>
public static class Pages
{
    public static readonly IFileProvider Files = new EmbeddedFileProvider(typeof(Pages).Assembly, "KejiLive.Dashboard.wwwroot");

    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/wall", () => Page("wall.html")).ExcludeFromDescription();
        app.MapGet("/targets/{id}", (string id) => Page("target.html")).ExcludeFromDescription();
        app.MapGet("/units/{id}", (string id) => Page("unit.html")).ExcludeFromDescription();
        app.MapGet("/fill", () => Page("fill.html")).ExcludeFromDescription();
        // The office's work: the API behind each page checks the same roles; the page answers a Chinese 403 first.
        app.MapGet("/alerts", () => Page("alerts.html")).ExcludeFromDescription();
        app.MapGet("/review", () => Page("review.html")).ExcludeFromDescription().RequireAuthorization(Security.KejiAuth.Policies.Oversee);
        app.MapGet("/whatif", () => Page("whatif.html")).ExcludeFromDescription().RequireAuthorization(Security.KejiAuth.Policies.Oversee);
        app.MapGet("/admin/silences", () => Page("admin-silences.html")).ExcludeFromDescription().RequireAuthorization(Security.KejiAuth.Policies.Admin);
        app.MapGet("/admin/tokens", () => Page("admin-tokens.html")).ExcludeFromDescription().RequireAuthorization(Security.KejiAuth.Policies.Admin);
        return app;
    }

    internal static IResult Page(string name)
    {
        var file = Files.GetFileInfo(name);
        return file.Exists
            ? Results.Stream(file.CreateReadStream(), "text/html; charset=utf-8")
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "页面不存在", detail: name);
    }
}
