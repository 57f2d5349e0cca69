using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MotCua.Web.Integration.Outbox;

namespace MotCua.Web.Integration.Notices;

/// <summary>Sends email notices to an SMTP server with MailKit, one connection per message, within the configured timeout.
/// The Message-ID is derived from the outbox row, so a message sent again after a lost acknowledgement is recognisable
/// as the same one by mail clients.</summary>
internal sealed class SmtpSink(SmtpOptions options, Platform.Http.OutsideBreaker<SmtpSink> breaker) : INotificationSink
{
    /// <summary>Sends through the mail server's circuit breaker: while it is open the outbox gives the message its attempt back.</summary>
    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        breaker.Pipeline.ExecuteAsync(async token => await SendOnceAsync(message, token), cancellationToken).AsTask();

    private async Task SendOnceAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var mail = new MimeMessage
        {
            MessageId = NoticeKey.Of(message) + "@motcua",
            Subject = message.Subject,
            Body = new TextPart("plain") { Text = message.Body },
        };
        mail.From.Add(MailboxAddress.Parse(options.From));
        mail.To.Add(MailboxAddress.Parse(message.Recipient));

        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        await client.ConnectAsync(options.Host, options.Port, options.RequireTls ? SecureSocketOptions.StartTls : SecureSocketOptions.StartTlsWhenAvailable,
            cancellationToken);
        if (options.UserName.Length > 0)
        {
            await client.AuthenticateAsync(options.UserName, options.Password, cancellationToken);
        }

        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
