using Microsoft.AspNetCore.Http;

namespace KejiLive.Dashboard.Security;

/// <summary>Whether a browser request comes from this site's own pages: the only place a session cookie may act from.
/// When the browser sends <c>Sec-Fetch-Site</c> (which pages cannot set, and which the browser computes from scheme,
/// host and port) it decides: only <c>same-origin</c> passes. Otherwise <c>Origin</c> must equal this site's scheme, host
/// and port exactly (<c>https://host</c> is another origin than <c>http://host</c>, and so is another port).</summary>
/// <remarks>Behind a proxy the site's scheme, host and port are what the proxy passes on (<c>Host</c>,
/// <c>X-Forwarded-Proto</c> with forwarded headers enabled): a proxy that drops the published port from <c>Host</c>
/// makes the <c>Origin</c> comparison fail for browsers that send no <c>Sec-Fetch-Site</c>.</remarks>
internal static class SiteOrigin
{
    /// <summary>True when the request is same-origin. A request with neither header is not a browser's cross-site
    /// request; it counts as same-origin only when <paramref name="allowUnmarked"/> (the hub, whose long-polling GETs a
    /// browser sends without <c>Origin</c>).</summary>
    public static bool IsSameOrigin(HttpRequest request, bool allowUnmarked)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return string.Equals(site, "same-origin", StringComparison.OrdinalIgnoreCase);
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 ? allowUnmarked : Matches(origin, request);
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
