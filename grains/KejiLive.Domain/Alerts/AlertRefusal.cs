namespace KejiLive.Domain.Alerts;

/// <summary>A refused transition: the reason, the request field it is about (as the HTTP body names it:
/// <c>note</c>, <c>promisedBy</c>, <c>actor</c>, <c>state</c>) and a message for people.</summary>
public sealed record AlertRefusal(AlertRefusalCode Code, string Field, string Message);
