namespace KejiLive.Domain.Progress;

/// <summary>The light a target × unit showed before this judgement and since when (null: not known, so no dwell time is
/// applied). A bare <see cref="Progress.Light"/> converts to one without a since-time.</summary>
public readonly record struct PreviousLight(Light Light, DateTimeOffset? Since)
{
    public static implicit operator PreviousLight(Light light) => new(light, null);
}
