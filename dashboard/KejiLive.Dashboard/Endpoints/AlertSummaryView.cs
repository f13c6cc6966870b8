using System.Text.Json.Serialization;
using KejiLive.Grains.Abstractions.Alerts;

namespace KejiLive.Dashboard.Endpoints;

/// <summary><c>GET /api/alerts/summary</c>: how many 督办 match the filters (<see cref="Total"/>), the counts by state and
/// severity, and the wall ticker's figures over every live 督办 of the unit filter (or of every unit). Asked with
/// <c>limit</c>, it carries the page of the list too (<see cref="Items"/> from <see cref="Offset"/>, the order and bounds
/// of <c>GET /api/alerts</c>), so a page of the 督办台账 is one request; without it, neither field is written.</summary>
public sealed record AlertSummaryView(
    int Total,
    AlertCounts Counts,
    AlertTally Tally,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Offset = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AlertView>? Items = null);
