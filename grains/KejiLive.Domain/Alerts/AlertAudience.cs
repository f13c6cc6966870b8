namespace KejiLive.Domain.Alerts;

/// <summary>Who a notice is for: the responsible unit, the leader in charge (分管领导, escalations) or the city office.</summary>
public enum AlertAudience
{
    Unit,
    Leader,
    CityOffice,
}
