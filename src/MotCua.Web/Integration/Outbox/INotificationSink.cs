using System.Globalization;
using System.Text;

namespace MotCua.Web.Integration.Outbox;

/// <summary>Where messages leave the system: an SMS gateway or a mail server in production.</summary>
internal interface INotificationSink
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

internal sealed class OutboxOptions
{
    public const string Section = "MotCua:Outbox";

    /// <summary>The development sink's folder; relative to the app's content root.</summary>
    public string Folder { get; set; } = "data/outbox";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxAttempts { get; set; } = 8;
}

/// <summary>The default sink: one UTF-8 text file per message, for developers and demos.
/// It writes no personal data to the log.</summary>
internal sealed class FolderSink(OutboxOptions options) : INotificationSink
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Folder);
        var path = Path.Combine(options.Folder, $"{message.Id:D8}-{message.Channel.ToString().ToLowerInvariant()}.txt");
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"To: {message.Recipient}\n")
            .Append(CultureInfo.InvariantCulture, $"Subject: {message.Subject}\n")
            .Append(CultureInfo.InvariantCulture, $"Topic: {message.Topic}\n\n")
            .Append(message.Body)
            .ToString();
        await File.WriteAllTextAsync(path, text, Encoding.UTF8, cancellationToken);
    }
}
