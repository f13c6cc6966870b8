using KejiLive.Grains.Abstractions.Alerts;

namespace KejiLive.Dashboard.Endpoints;

/// <summary><c>GET /api/alerts/summary</c>: how many 督办 match the filters (<see cref="Total"/>), the counts by state and
/// severity, and the wall ticker's figures over every live 督办 of the unit filter (or of every unit).</summary>
public sealed record AlertSummaryView(int Total, AlertCounts Counts, AlertTally Tally);
