namespace KejiLive.Domain.Alerts;

/// <summary>督办 lifecycle: Open → Acknowledged (remedy + promised date) → Resolved (automatically, after the hold)
/// → Closed (销号 by the city office). Open may also resolve without an answer; a resolved alert reopens (back to
/// Open) when its condition returns before it is closed; the city office may close an alert in any state but Closed,
/// with a note when it is not resolved. A closed alert is final for the automatic rules; only the city office (admin) can
/// reopen it (back to Open, a reason required, <see cref="AlertLifecycle.ReopenClosed"/>) — at any time, as long as no
/// newer alert of the same key has opened since (<see cref="AlertTracker.Reopen"/>).</summary>
public enum AlertState
{
    Open,
    Acknowledged,
    Resolved,
    Closed,
}
