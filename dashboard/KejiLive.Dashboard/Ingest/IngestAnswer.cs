using System.Collections.Immutable;
using KejiLive.Dashboard.Endpoints;
using KejiLive.Grains.Abstractions.Messages;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace KejiLive.Dashboard.Ingest;

/// <summary>What <see cref="ReportIngestor"/> did: a refusal (problem+json, nothing stored) or one result per draft.</summary>
public sealed record IngestAnswer
{
    /// <summary>Set when the request was refused; then <see cref="Results"/> is empty, or holds the per-grain answers
    /// of the rare partial refusal described on <see cref="ReportIngestor"/>.</summary>
    public IResult? Refusal { get; init; }

    /// <summary>One result per draft, in request order.</summary>
    public ImmutableArray<IngestResult> Results { get; init; } = [];

    public bool IsBatch { get; init; }

    /// <summary>True when at least one report was stored (HTTP 201; 200 when every one was a repeat).</summary>
    public bool Created => Results.Any(r => r.Outcome == IngestOutcome.Created);

    public int StatusCode => Created ? StatusCodes.Status201Created : StatusCodes.Status200OK;

    /// <summary>The answer of <c>POST /api/reports</c>: the refusal, the new state (one report) or the per-item results (batch).</summary>
    public IResult ToHttp()
    {
        if (Refusal is not null) return Refusal;
        return IsBatch
            ? HttpResults.Json(Results.Select(Item).ToArray(), ApiJson.Options, statusCode: StatusCode)
            : HttpResults.Json(Results[0].Snapshot, ApiJson.Options, statusCode: StatusCode);
    }

    /// <summary>One item of a batch answer.</summary>
    public static object Item(IngestResult r) => new
    {
        outcome = r.Outcome.ToString().ToLowerInvariant(),
        field = r.Field,
        message = r.Message,
        state = r.Snapshot,
    };
}
