using Microsoft.AspNetCore.Http;

namespace KejiLive.Dashboard.Security;

/// <summary>Whether a browser request comes from this site's own pages: the only place a session cookie may act from.
/// <c>Sec-Fetch-Site</c> (set by the browser) must say <c>same-origin</c> when present, and <c>Origin</c> must equal this
/// site's scheme, host and port exactly when present (<c>https://host</c> is another origin than <c>http://host</c>,
/// and so is another port).</summary>
internal static class SiteOrigin
{
    /// <summary>True when the request is same-origin. A request with neither header is not a browser's cross-site
    /// request; it counts as same-origin only when <paramref name="allowUnmarked"/> (the hub, whose long-polling GETs a
    /// browser sends without <c>Origin</c>).</summary>
    public static bool IsSameOrigin(HttpRequest request, bool allowUnmarked)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && !string.Equals(site, "same-origin", StringComparison.OrdinalIgnoreCase)) return false;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return site.Length > 0 || allowUnmarked;
        return Matches(origin, request);
    }

    /// <summary>Whether <paramref name="origin"/> (an <c>Origin</c> header value) is this request's own scheme, host
    /// and port. <c>null</c> (an opaque origin: a sandboxed frame, a file) never is.</summary>
    public static bool Matches(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var o) || o.UserInfo.Length > 0 || o.PathAndQuery != "/" || o.Fragment.Length > 0)
        {
            return false;
        }
        if (!string.Equals(o.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)) return false;
        if (!request.Host.HasValue || !string.Equals(o.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)) return false;
        var port = request.Host.Port ?? (string.Equals(request.Scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80);
        return o.Port == port;
    }
}
