using MotCua.Web.Integration.Outbox;

namespace MotCua.Web.Integration.Notices;

/// <summary>Hands each message to the sink of its channel.</summary>
internal sealed class ChannelSinks(INotificationSink email, INotificationSink sms) : INotificationSink
{
    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) => message.Channel switch
    {
        NotificationChannel.Email => email.SendAsync(message, cancellationToken),
        NotificationChannel.Sms => sms.SendAsync(message, cancellationToken),
    };
}
