namespace KejiLive.Domain.Alerts;

/// <summary>What a grain keeps per alert key between observations: the current alert and the anti-flapping timers.</summary>
/// <param name="Alert">The current alert: live, resolved (may reopen) or closed (dropped at the next observation);
/// null when there is none.</param>
/// <param name="PendingSince">Start of a marginal crossing that is waiting out the pending period; null otherwise.</param>
/// <param name="ClearSince">Since when a live alert's condition has been clear (the hold runs from here); null otherwise.</param>
/// <param name="SuppressedUntilClear">The city office closed the alert while its condition still held: no new alert
/// for this key until the condition clears once.</param>
/// <param name="LastOpenedOn">Shanghai date the latest alert of this key opened (for same-day id suffixes).</param>
/// <param name="OpenedThatDay">How many alerts of this key opened on <paramref name="LastOpenedOn"/>.</param>
/// <param name="LastClosed">The key's latest alert once it was closed (销号) and dropped from <paramref name="Alert"/>: kept
/// so the city office can reopen it (<see cref="AlertTracker.Reopen"/>) and so it stays listed; cleared when a newer
/// alert of the key opens. Null otherwise (never set together with <paramref name="Alert"/>).</param>
public sealed record AlertTrack(
    AlertKey Key,
    Alert? Alert,
    DateTimeOffset? PendingSince,
    DateTimeOffset? ClearSince,
    bool SuppressedUntilClear,
    DateOnly? LastOpenedOn,
    int OpenedThatDay,
    Alert? LastClosed = null)
{
    /// <summary>A track with nothing seen yet.</summary>
    public static AlertTrack New(AlertKey key) => new(key, null, null, null, false, null, 0);

    /// <summary>The alerts this track holds: the current one and the latest closed one (at most one of them is set).</summary>
    public IEnumerable<Alert> Kept => Alert is { } a ? [a] : LastClosed is { } c ? [c] : [];
}
