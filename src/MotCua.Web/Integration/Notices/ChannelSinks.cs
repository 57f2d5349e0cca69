using MotCua.Web.Integration.Outbox;

namespace MotCua.Web.Integration.Notices;

/// <summary>Hands each notice to the sink of its channel. Portal messages are not notices: the worker pushes them itself.</summary>
internal sealed class ChannelSinks(INotificationSink email, INotificationSink sms) : INotificationSink
{
    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) => message.Channel switch
    {
        NotificationChannel.Email => email.SendAsync(message, cancellationToken),
        NotificationChannel.Sms => sms.SendAsync(message, cancellationToken),
        NotificationChannel.Portal => throw new InvalidOperationException("Portal messages go through NationalPortalClient"),
    };
}
