using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KejiLive.Dashboard;

/// <summary>The wall's own pages beside <c>/wall</c>: the milestone tasks (节点任务) page of the kiosk rotation.</summary>
public static class WallPages
{
    public static IEndpointRouteBuilder MapWallPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/wall/milestones", () => Pages.Page("milestones.html")).ExcludeFromDescription();
        return app;
    }
}
