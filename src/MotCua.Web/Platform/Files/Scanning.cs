using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MotCua.Web.Platform.Files;

/// <summary>Bound from <c>MotCua:Scanning</c>.</summary>
internal sealed class ScanningOptions
{
    public const string Section = "MotCua:Scanning";

    /// <summary>Where clamd listens: <c>unix:/run/clamav/clamd.ctl</c> or <c>tcp:127.0.0.1:3310</c>.</summary>
    public string? Clamd { get; set; }

    /// <summary>"No scanning", said explicitly: the only way Production starts without a scanner. Shown in /health/ready.</summary>
    public bool Disabled { get; set; }
}

/// <summary>A scanner answered that a file carries malware.</summary>
internal sealed record Threat(string Name);

/// <summary>The scanner could not be reached or could not finish: the upload is refused, never let through unscanned.</summary>
internal sealed class ScannerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// ClamAV's clamd over its socket protocol (clamd(8), "INSTREAM"): the command <c>zINSTREAM\0</c>, then chunks each
/// prefixed with their length as a 4-byte big-endian number, then a zero length; clamd answers
/// <c>stream: OK</c> or <c>stream: NAME FOUND</c>.
/// </summary>
internal sealed class ClamdScanner(ScanningOptions options)
{
    private const int Chunk = 64 * 1024;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Clamd);

    public async Task<Threat?> ScanAsync(Stream content, CancellationToken cancellationToken)
    {
        string answer;
        try
        {
            using var socket = await ConnectAsync(cancellationToken);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), cancellationToken);
            var buffer = new byte[4 + Chunk];
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(4, Chunk), cancellationToken)) > 0)
            {
                BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
                await stream.WriteAsync(buffer.AsMemory(0, 4 + read), cancellationToken);
            }

            await stream.WriteAsync(new byte[4], cancellationToken);
            answer = await ReadAnswerAsync(stream, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            throw new ScannerUnavailableException("clamd could not be reached at " + options.Clamd, e);
        }

        if (answer.EndsWith(" FOUND", StringComparison.Ordinal))
        {
            return new Threat(answer["stream: ".Length..^" FOUND".Length]);
        }

        // "stream: OK"; anything else (e.g. "INSTREAM size limit exceeded. ERROR") is no verdict.
        return answer == "stream: OK" ? null : throw new ScannerUnavailableException("clamd answered: " + answer);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var socket = await ConnectAsync(cancellationToken);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync("zPING\0"u8.ToArray(), cancellationToken);
            return await ReadAnswerAsync(stream, cancellationToken) == "PONG";
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }

    private async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var address = options.Clamd!;
        Socket socket;
        System.Net.EndPoint endPoint;
        if (address.StartsWith("unix:", StringComparison.Ordinal))
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            endPoint = new UnixDomainSocketEndPoint(address["unix:".Length..]);
        }
        else
        {
            var hostPort = address.StartsWith("tcp:", StringComparison.Ordinal) ? address["tcp:".Length..] : address;
            var colon = hostPort.LastIndexOf(':');
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            endPoint = new System.Net.DnsEndPoint(hostPort[..colon], int.Parse(hostPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }

        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // Answers end with the NUL byte of the z-prefixed command.
    private static async Task<string> ReadAnswerAsync(Stream stream, CancellationToken cancellationToken)
    {
        var answer = new List<byte>();
        var one = new byte[1];
        while (answer.Count < 4096 && await stream.ReadAsync(one, cancellationToken) == 1 && one[0] != 0)
        {
            answer.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. answer]).Trim();
    }
}

/// <summary>/health/ready: clamd answers PING, or scanning is off and says so.</summary>
internal sealed class ScannerHealth(ClamdScanner scanner, ScanningOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!scanner.IsConfigured)
        {
            return HealthCheckResult.Degraded(options.Disabled ? "uploads are not scanned (MotCua:Scanning:Disabled)" : "uploads are not scanned (no scanner configured)");
        }

        return await scanner.PingAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("clamd does not answer");
    }
}

internal static class Scanning
{
    public static WebApplicationBuilder AddScanning(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ScanningOptions.Section).Get<ScanningOptions>() ?? new ScanningOptions();
        if (builder.Environment.IsProduction() && string.IsNullOrWhiteSpace(options.Clamd) && !options.Disabled)
        {
            throw new InvalidOperationException(
                "No upload scanner: set MotCua:Scanning:Clamd (e.g. unix:/run/clamav/clamd.ctl), or MotCua:Scanning:Disabled=true to run without scanning.");
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ClamdScanner>();
        builder.Services.AddHealthChecks().AddCheck<ScannerHealth>("scanner", tags: ["ready"]);
        return builder;
    }

    /// <summary>The overall status, then a line for each check that has something to say (e.g. that scanning is off).</summary>
    public static Task WriteReadiness(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Where(e => e.Value.Description is not null).Select(e => e.Key + ": " + e.Value.Description);
        return context.Response.WriteAsync(string.Join('\n', new[] { report.Status.ToString() }.Concat(lines)));
    }
}
