using System.Globalization;
using KejiLive.Domain.Progress;

namespace KejiLive.Dashboard.Endpoints;

/// <summary>The paging contract of the API's lists (<c>GET /api/alerts</c>, <c>GET /api/reviews</c>, a target's
/// breakdown and shortfalls): <c>offset</c> from 0, <c>limit</c> from 1 to the list's own maximum; each bad one is a
/// field error worded the same everywhere. A paged list says its whole length in <see cref="TotalCountHeader"/>.</summary>
internal static class PageQuery
{
    /// <summary>The response header that carries how many items match a list query in all.</summary>
    public const string TotalCountHeader = "X-Total-Count";

    /// <summary>offset (≥ 0, default 0) and limit (1–<paramref name="maxLimit"/>, null when absent); a bad one adds its
    /// error to <paramref name="errors"/>.</summary>
    public static (int From, int? Take) Read(string? offset, string? limit, int maxLimit, List<FieldError> errors)
    {
        var from = 0;
        int? take = null;
        if (offset is not null && (!int.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out from) || from < 0))
        {
            from = 0;
            errors.Add(new FieldError("offset", "offset 须为不小于0的整数。"));
        }
        if (limit is not null)
        {
            if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l >= 1 && l <= maxLimit) take = l;
            else errors.Add(new FieldError("limit", $"limit 须为1–{maxLimit}的整数。"));
        }
        return (from, take);
    }
}
