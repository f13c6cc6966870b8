namespace KejiLive.Grains.Delivery;

/// <summary>How the SMTP connection is secured (configuration values: auto, none, starttls, ssl).</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, STARTTLS when the server offers it otherwise.</summary>
    Auto = 0,
    None = 1,
    StartTls = 2,
    Ssl = 3,
}
