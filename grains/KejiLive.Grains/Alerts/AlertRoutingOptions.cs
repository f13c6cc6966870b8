namespace KejiLive.Grains.Alerts;

/// <summary>Who hears of an alert, bound from <c>Alerts:Routes</c> (contact point ids of <c>Alerts:ContactPoints</c>):
/// <c>Alerts:Routes:Units:{unitId}</c> for a unit's own notices, <c>Alerts:Routes:Leader</c> for escalations,
/// <c>Alerts:Routes:City</c> for the city office (acknowledgements, unit-level escalations, digests), and
/// <c>Alerts:Routes:PublicUrl</c> for links back to the pages. A notice with no route is logged and kept in the alert's history.</summary>
public sealed class AlertRoutingOptions
{
    public const string Section = "Alerts:Routes";

    public Dictionary<string, string[]> Units { get; set; } = new(StringComparer.Ordinal);

    public string[] Leader { get; set; } = [];

    public string[] City { get; set; } = [];

    /// <summary>Base address of the web side for links in messages, e.g. <c>http://keji.example.gov.cn</c>. The hosts
    /// default it to their first <c>--urls</c> address (wildcard hosts read as <c>localhost</c>) before binding this
    /// section (<c>KejiListenAddresses.AddKejiPublicUrl</c>); the value here only serves code that binds no host.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";
}
