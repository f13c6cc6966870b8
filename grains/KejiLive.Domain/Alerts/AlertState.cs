namespace KejiLive.Domain.Alerts;

/// <summary>督办 lifecycle: Open → Acknowledged (remedy + promised date) → Resolved (automatically, after the hold)
/// → Closed (销号 by the city office). Open may also resolve without an answer; a resolved alert reopens (back to
/// Open) when its condition returns before it is closed; the city office may close an alert in any state but Closed,
/// with a note when it is not resolved. Closed is final.</summary>
public enum AlertState
{
    Open,
    Acknowledged,
    Resolved,
    Closed,
}
