namespace KejiLive.Grains.Delivery;

/// <summary>How one send attempt ended.</summary>
public enum DeliveryOutcome
{
    /// <summary>The receiver accepted the message.</summary>
    Delivered = 0,

    /// <summary>Worth trying again later: timeout, refused connection, 5xx, 408/429, a robot's rate-limit code.</summary>
    Retry = 1,

    /// <summary>The receiver refused this message (bad payload, unknown robot); trying again will not help.</summary>
    Rejected = 2,
}
