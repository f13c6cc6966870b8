using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace KejiLive.Grains.Delivery;

/// <summary>Sends e-mail over SMTP with MailKit, one session per message. A 5xx SMTP answer rejects the message; 4xx
/// answers, timeouts and connection failures are retried.</summary>
public sealed class EmailSender(IOptionsMonitor<DeliveryOptions> options) : INotificationSender
{
    public ContactPointKind Kind => ContactPointKind.Email;

    public async Task<DeliveryResult> SendAsync(ContactPoint point, OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(point.SmtpHost)) return DeliveryResult.Rejected($"contact point '{point.Id}' has no SmtpHost");
        var mail = EmailFormatter.Build(point, message);
        using var client = new SmtpClient { Timeout = (int)options.CurrentValue.SendTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(point.SmtpHost, point.SmtpPort, Security(point), cancellationToken);
            if (!string.IsNullOrEmpty(point.SmtpUser)) await client.AuthenticateAsync(point.SmtpUser, point.Secret ?? "", cancellationToken);
            await client.SendAsync(mail, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return DeliveryResult.Delivered;
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            return DeliveryResult.Rejected($"SMTP {(int)e.StatusCode}: {e.Message}");
        }
        catch (SmtpCommandException e)
        {
            return DeliveryResult.Retry($"SMTP {(int)e.StatusCode}: {e.Message}");
        }
        catch (AuthenticationException e)
        {
            return DeliveryResult.Rejected($"SMTP authentication: {e.Message}");
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or System.Net.Sockets.SocketException or OperationCanceledException or TimeoutException)
        {
            return ResponseClassifier.Exception(e);
        }
    }

    private static SecureSocketOptions Security(ContactPoint point) => point.SmtpSecurity switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Ssl => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
