using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Delivery;
using KejiLive.Grains.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KejiLive.Grains.Delivery;

/// <summary>One contact point's durable outbox. Loads state, asks <see cref="OutboxLogic"/>, sends through the
/// <see cref="INotificationSender"/> of the contact point's kind, persists after every step. A one-shot grain timer on
/// the injected <see cref="TimeProvider"/> wakes it when the head of the queue is due; it keeps the grain active while
/// anything is pending, and a silo start-up task resumes every configured outbox.</summary>
public sealed class OutboxGrain(
    [PersistentState("outbox", StorageNames.Keji)] IPersistentState<OutboxState> state,
    [PersistentState("outbox-overflow", StorageNames.Keji)] IPersistentState<OutboxOverflowState> overflow,
    IOptionsMonitor<DeliveryOptions> options,
    IEnumerable<INotificationSender> senders,
    TimeProvider time,
    ILogger<OutboxGrain> logger) : Grain, IOutboxGrain, IRemindable
{
    private string _id = "";
    private IGrainTimer? _timer;
    private DateTimeOffset? _wakeAt;
    private bool _sending;

    private ImmutableArray<ImageHold> _unreleased = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _id = this.GetPrimaryKeyString();
        // Images a previous activation let go of but may not have told their image grains (a crash after the write).
        _unreleased = state.State.Releasing;
        await ReleaseAsync([]);
        await MoveInlineImagesAsync();
        await TryDrainAsync();
        Reschedule();
    }

    public async Task<EnqueueOutcome> EnqueueAsync(Notification notification)
    {
        Validate(notification);
        if (notification.ContactPointId.Length == 0) notification = notification with { ContactPointId = _id };
        // Room freed since the last turn goes to the notifications waiting longest.
        await DrainAsync();
        if (OutboxOverflow.IsKnown(overflow.State, notification.IdempotencyKey)) return EnqueueOutcome.Duplicate;
        var now = time.GetUtcNow();
        var o = options.CurrentValue;
        var kind = o.Find(_id)?.Kind;
        var (next, outcome) = OutboxLogic.Enqueue(state.State, notification, kind, now, o.MaxPending);
        if (outcome == EnqueueOutcome.Duplicate) return outcome;
        if (outcome == EnqueueOutcome.Refused) return await DeferAsync(notification, next, kind, now, o);
        await StoreAsync(notification, next.Pending.Skip(state.State.Pending.Length), () => WriteAsync(next));
        Reschedule();
        logger.LogDebug("Queued {Key} for {ContactPoint} ({Pending} pending)", notification.IdempotencyKey, _id, next.Pending.Length);
        return outcome;
    }

    /// <summary>The queue is full: the notification waits in the overflow, or is refused (and counted) when that is
    /// full too.</summary>
    private async Task<EnqueueOutcome> DeferAsync(Notification notification, OutboxState refused, ContactPointKind? kind, DateTimeOffset now, DeliveryOptions o)
    {
        var entries = OutboxLogic.Enqueue(new OutboxState(), notification, kind, now).State.Pending;
        if (OutboxOverflow.Defer(overflow.State, entries, o.MaxOverflow) is { } deferred)
        {
            await StoreAsync(notification, entries, () => overflow.WriteAsync(deferred));
            logger.LogWarning("{ContactPoint}: queue full ({Pending} pending, Alerts:MaxPending); {Key} waits in the overflow ({Waiting} of Alerts:MaxOverflow {Max})",
                _id, state.State.Pending.Length, notification.IdempotencyKey, deferred.Waiting.Length, o.MaxOverflow);
            return EnqueueOutcome.Deferred;
        }
        logger.LogError("{ContactPoint}: queue and overflow full ({Pending} pending, {Waiting} waiting; Alerts:MaxPending, Alerts:MaxOverflow): refused {Kind} {Key} 「{Title}」",
            _id, state.State.Pending.Length, overflow.State.Waiting.Length, NotificationKindNames.ToWire(notification.Kind), notification.IdempotencyKey, notification.Title);
        await WriteAsync(refused);
        return EnqueueOutcome.Refused;
    }

    /// <summary>Stores the images of <paramref name="added"/> (once, by hash) and then, by <paramref name="write"/>, the
    /// entries that refer to them; a failed write lets go of the images again.</summary>
    private async Task StoreAsync(Notification notification, IEnumerable<OutboxEntry> added, Func<Task> write)
    {
        var holds = added.Where(e => e.ImageRef is not null).Select(e => new ImageHold(e.ImageRef!, e.Key)).ToList();
        foreach (var hold in holds) await Image(hold.Image).HoldAsync(OutboxImages.Holder(_id, hold.EntryKey), notification.ImagePng!);
        try
        {
            await write();
        }
        catch
        {
            _unreleased = _unreleased.AddRange(holds);
            await ReleaseAsync([]);
            throw;
        }
    }

    /// <summary>Moves the oldest overflow entries into the queue while it has room: the queue is written first, so a
    /// crash in between leaves an entry in both, which the next drain only removes from the overflow.</summary>
    private async Task DrainAsync()
    {
        var (next, rest, moved) = OutboxOverflow.Drain(state.State, overflow.State, options.CurrentValue.MaxPending, time.GetUtcNow());
        if (moved == 0) return;
        if (!ReferenceEquals(next, state.State)) await WriteAsync(next);
        await overflow.WriteAsync(rest);
        Reschedule();
        logger.LogInformation("{ContactPoint}: moved {Moved} notifications from the overflow into the queue ({Waiting} still waiting)", _id, moved, rest.Waiting.Length);
    }

    private async Task TryDrainAsync()
    {
        try
        {
            await DrainAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "{ContactPoint}: could not move the overflow into the queue; trying again after the next send", _id);
        }
    }

    public Task<OutboxStatus> GetStatusAsync(int recent = 20) =>
        Task.FromResult(OutboxLogic.Status(state.State, _id, recent) with
        {
            NextWakeAt = _wakeAt,
            Sending = _sending,
            Overflow = overflow.State.Waiting.Length,
            Deferred = overflow.State.DeferredCount,
        });

    public async Task<int> RetryFailedAsync()
    {
        var count = state.State.Failed.Length;
        if (count == 0) return 0;
        await WriteAsync(OutboxLogic.RetryFailed(state.State, time.GetUtcNow()));
        Reschedule();
        return count;
    }

    public async Task ResumeAsync()
    {
        await WakeReminder.RegisterAsync(this);
        Reschedule();
    }

    /// <summary>The wake reminder: picks up stored entries on an activation that lost its timer with its silo.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == WakeReminder.Name && _timer is null) Reschedule();
        return Task.CompletedTask;
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        _wakeAt = null;
        _sending = true;
        try
        {
            await SendDueAsync(cancellationToken);
        }
        finally
        {
            // Sending freed room: the overflow moves up (still "sending" to status readers, which must not see the
            // turn as idle in between), then the timer points at the new head.
            await TryDrainAsync();
            _sending = false;
            Reschedule();
        }
    }

    private async Task SendDueAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var point = o.Find(_id);
        var limit = o.RateLimitOf(point);
        for (var turn = 0; turn < Math.Max(1, o.MaxSendsPerTurn) && !state.State.Pending.IsEmpty; turn++)
        {
            var now = time.GetUtcNow();
            if (OutboxLogic.NextWakeAt(state.State, now, limit, o) is not { } due || due > now) return;
            var budget = RateWindow.Remaining(state.State.SendTimes, now, limit, o.RateLimitWindow);
            var folded = OutboxLogic.Fold(state.State, budget, now, o);
            if (!ReferenceEquals(folded, state.State))
            {
                logger.LogInformation("{ContactPoint}: {Pending} waiting for {Budget} free slots; folded into digests",
                    _id, state.State.Pending.Length, budget);
                await WriteAsync(folded);
            }

            var head = state.State.Pending[0];
            var result = await SendAsync(point, await MessageAsync(head), cancellationToken);
            now = time.GetUtcNow();
            if (result.Outcome == DeliveryOutcome.Delivered)
            {
                // Recorded right after the receiver's success: a crash before this write resends once, same key.
                await WriteAsync(OutboxLogic.Delivered(state.State, now, o));
                continue;
            }
            await WriteAsync(OutboxLogic.Failed(state.State, result, now, o));
            var stillHead = !state.State.Pending.IsEmpty && state.State.Pending[0].Key == head.Key;
            logger.LogWarning("{ContactPoint}: sending {Key} failed (attempt {Attempt}): {Error}; {Next}", _id, head.Key,
                head.Attempts + 1, result.Error, stillHead ? $"retry at {state.State.Pending[0].NextAttemptAt:O}" : "given up");
            if (stillHead) return;
        }
    }

    private async Task<DeliveryResult> SendAsync(ContactPoint? point, OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (point is null) return DeliveryResult.Retry($"contact point '{_id}' is not configured (Alerts:ContactPoints:{_id})");
        var sender = senders.FirstOrDefault(s => s.Kind == point.Kind);
        if (sender is null) return DeliveryResult.Retry($"no sender for {point.Kind}");
        try
        {
            return await sender.SendAsync(point, message, cancellationToken);
        }
        catch (Exception exception)
        {
            return ResponseClassifier.Exception(exception);
        }
    }

    /// <summary>The head's message, with its stored image loaded.</summary>
    private async Task<OutgoingMessage> MessageAsync(OutboxEntry head)
    {
        if (head.ImageRef is not { } image) return head.ToMessage();
        if (await Image(image).GetAsync() is { } png) return head.ToMessage(png);
        // Never expected (an entry holds its image until it is sent or dropped): send the text rather than nothing.
        logger.LogWarning("{ContactPoint}: the image of {Key} is no longer stored; sending without it", _id, head.Key);
        var n = head.Notification;
        return head.ToMessage() with { Notification = string.IsNullOrWhiteSpace(n.Markdown) ? n with { Markdown = $"### {n.Title}\n（图表请在系统中查看）" } : n };
    }

    /// <summary>Writes the next state; entries it no longer has (sent, dropped) let go of their images afterwards.</summary>
    private async Task WriteAsync(OutboxState next)
    {
        var previous = state.State;
        var released = OutboxImages.Released(previous, next);
        next = next with { Releasing = [.. released.Concat(_unreleased).Distinct()] };
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Nothing counts unless stored: memory goes back to what storage holds.
            state.State = previous;
            throw;
        }
        await ReleaseAsync(released);
    }

    /// <summary>Tells the image grains that <paramref name="released"/> (and any earlier release that failed) no longer
    /// hold their images. A failure is kept and tried again after the next write or activation.</summary>
    private async Task ReleaseAsync(ImmutableArray<ImageHold> released)
    {
        var all = released.Concat(_unreleased).Distinct().ToList();
        var failed = ImmutableArray.CreateBuilder<ImageHold>();
        foreach (var hold in all)
        {
            try
            {
                await Image(hold.Image).ReleaseAsync(OutboxImages.Holder(_id, hold.EntryKey));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "{ContactPoint}: could not release image {Image} of {Key}; trying again later", _id, hold.Image, hold.EntryKey);
                failed.Add(hold);
            }
        }
        _unreleased = failed.ToImmutable();
    }

    /// <summary>State written by a build that kept images inside the entries: store each image once and keep only the
    /// reference. Left as it is (still sendable) if that fails.</summary>
    private async Task MoveInlineImagesAsync()
    {
        var (next, moved) = OutboxImages.MoveInline(state.State);
        if (moved.IsEmpty) return;
        try
        {
            foreach (var (hold, png) in moved) await Image(hold.Image).HoldAsync(OutboxImages.Holder(_id, hold.EntryKey), png);
            await WriteAsync(next);
            logger.LogInformation("{ContactPoint}: moved {Count} inline images to the image store", _id, moved.Length);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "{ContactPoint}: could not move inline images out of the outbox state; they stay inline", _id);
        }
    }

    private IOutboxImageGrain Image(string hash) => GrainFactory.GetGrain<IOutboxImageGrain>(hash);

    /// <summary>Points the one-shot timer at the next due time, or drops it when nothing is pending (the grain may then
    /// deactivate). Not while a send turn runs: the turn reschedules when it ends.</summary>
    private void Reschedule()
    {
        if (_sending) return;
        var o = options.CurrentValue;
        var now = time.GetUtcNow();
        var at = OutboxLogic.NextWakeAt(state.State, now, o.RateLimitOf(o.Find(_id)), o);
        if (at is null)
        {
            _timer?.Dispose();
            _timer = null;
            _wakeAt = null;
            return;
        }
        if (_wakeAt == at) return;
        var due = at.Value > now ? at.Value - now : TimeSpan.Zero;
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
        _wakeAt = at;
    }

    private void Validate(Notification n)
    {
        if (string.IsNullOrWhiteSpace(n.IdempotencyKey)) throw new ArgumentException("A notification needs an idempotency key.", nameof(n));
        if (string.IsNullOrWhiteSpace(n.Title)) throw new ArgumentException("A notification needs a title.", nameof(n));
        if (n.ContactPointId.Length > 0 && n.ContactPointId != _id)
        {
            throw new ArgumentException($"Notification for contact point '{n.ContactPointId}' sent to outbox '{_id}'.", nameof(n));
        }
        if (n.ImagePng is { Length: > WeComPayload.MaxImageBytes })
        {
            throw new ArgumentException($"Images are at most 2 MB; this one is {n.ImagePng.Length} bytes.", nameof(n));
        }
    }
}
